import type { Quad } from '../result';
import type { RgbImage } from './rgb-image';
import type { RotatedBox } from './rotated-box';

/**
 * The same quadrilateral with its corners renamed a quarter turn at a time: warping it then turns the
 * card's content by 90 degrees clockwise per turn (its left edge becomes the top).
 */
export function turnQuad(quad: Quad, quarterTurns: number): Quad {
  const k = ((quarterTurns % 4) + 4) % 4;
  return [0, 1, 2, 3].map((i) => quad[(i + 4 - k) % 4]) as Quad;
}

/** Length of a quad's top edge and left edge, taking the longer of each opposite pair. */
export function quadSides(quad: Quad): { width: number; height: number } {
  const [tl, tr, br, bl] = quad;
  const d = (a: Quad[number], b: Quad[number]) => Math.hypot(b.x - a.x, b.y - a.y);
  return { width: Math.max(d(tl, tr), d(bl, br)), height: Math.max(d(tl, bl), d(tr, br)) };
}

/** A card quad standing on its short side: an ID-1 card photographed sideways. */
export function isPortrait(quad: Quad): boolean {
  const { width, height } = quadSides(quad);
  return height > 1.15 * width;
}

/** Text lines are at least this elongated; squarer boxes (single letters) say nothing about orientation. */
const LINE_ELONGATION = 2;
/** Share of the text lines that must run vertically to call the picture sideways. */
const SIDEWAYS_SHARE = 0.6;

/** Whether most text lines run up and down the image: the text is sideways and must be turned. */
export function isMostlyVertical(boxes: readonly RotatedBox[]): boolean {
  let vertical = 0;
  let lines = 0;
  for (const box of boxes) {
    const long = Math.max(box.width, box.height);
    const short = Math.min(box.width, box.height);
    if (long < LINE_ELONGATION * short) continue;
    lines++;
    const along = box.width >= box.height ? box.angle : box.angle + Math.PI / 2;
    if (Math.abs(Math.sin(along)) > Math.SQRT1_2) vertical++;
  }
  return lines > 0 && vertical >= SIDEWAYS_SHARE * lines;
}

/** The image turned a quarter clockwise: its left edge becomes the top. */
export function rotateQuarter(image: RgbImage): RgbImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  // New pixel (x, y) of a height x width image is old pixel (y, height - 1 - x).
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < height; x++) {
      const from = ((height - 1 - x) * width + y) * 3;
      const to = (y * height + x) * 3;
      out[to] = data[from];
      out[to + 1] = data[from + 1];
      out[to + 2] = data[from + 2];
    }
  }
  return { data: out, width: height, height: width };
}

/** A quad found in `rotateQuarter(original)`, in the original image's pixels (corner order kept). */
export function unturnQuad(quad: Quad, original: RgbImage): Quad {
  return quad.map((p) => ({ x: p.y, y: original.height - 1 - p.x })) as Quad;
}
