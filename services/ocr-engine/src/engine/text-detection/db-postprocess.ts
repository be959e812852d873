import { convexHull, minAreaRect, type RotatedBox } from '../geometry/rotated-box';
import type { Point } from '../result';

/** PaddleOCR's DB post-processing defaults (det_db_thresh, det_db_box_thresh, det_db_unclip_ratio, min_size). */
export interface DbPostprocessOptions {
  binaryThreshold: number;
  boxThreshold: number;
  unclipRatio: number;
  minSize: number;
  maxCandidates: number;
}

export const DEFAULT_DB_POSTPROCESS: DbPostprocessOptions = {
  binaryThreshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.5,
  minSize: 3,
  maxCandidates: 1000,
};

export interface TextRegion {
  box: RotatedBox;
  /** Mean text probability over the region's pixels. */
  score: number;
}

/**
 * Turns a DB probability map into text boxes: binarise, take 8-connected components, fit each
 * component's minimum-area rectangle, score it by its mean probability, and expand it by the
 * DB "unclip" offset (area * ratio / perimeter on every side), as PaddleOCR does.
 */
export function dbPostprocess(
  probabilities: Float32Array,
  width: number,
  height: number,
  options: DbPostprocessOptions = DEFAULT_DB_POSTPROCESS,
): TextRegion[] {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const regions: TextRegion[] = [];
  let nextLabel = 0;

  for (let start = 0; start < width * height; start++) {
    if (labels[start] !== 0 || probabilities[start] <= options.binaryThreshold) continue;
    nextLabel++;
    labels[start] = nextLabel;
    let top = 0;
    stack[top++] = start;
    let sum = 0;
    let count = 0;
    // Leftmost and rightmost pixel per row are enough to build the component's convex hull.
    const rowExtents = new Map<number, [number, number]>();
    while (top > 0) {
      const index = stack[--top];
      const x = index % width;
      const y = (index - x) / width;
      sum += probabilities[index];
      count++;
      const extent = rowExtents.get(y);
      if (!extent) rowExtents.set(y, [x, x]);
      else {
        if (x < extent[0]) extent[0] = x;
        if (x > extent[1]) extent[1] = x;
      }
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width || (dx === 0 && dy === 0)) continue;
          const neighbour = ny * width + nx;
          if (labels[neighbour] === 0 && probabilities[neighbour] > options.binaryThreshold) {
            labels[neighbour] = nextLabel;
            stack[top++] = neighbour;
          }
        }
      }
    }

    const score = sum / count;
    if (score < options.boxThreshold || count < options.minSize * options.minSize) continue;
    // Hull of the pixel squares, so a one-pixel-high row still has height.
    const points: Point[] = [];
    for (const [y, [x0, x1]] of rowExtents) {
      points.push({ x: x0, y }, { x: x1 + 1, y }, { x: x0, y: y + 1 }, { x: x1 + 1, y: y + 1 });
    }
    const rect = minAreaRect(convexHull(points));
    if (Math.min(rect.width, rect.height) < options.minSize) continue;
    const offset = (rect.width * rect.height * options.unclipRatio) / (2 * (rect.width + rect.height));
    const box = { ...rect, width: rect.width + 2 * offset, height: rect.height + 2 * offset };
    if (Math.min(box.width, box.height) < options.minSize + 2) continue;
    regions.push({ box, score });
    if (regions.length >= options.maxCandidates) break;
  }
  return regions;
}
