import type { Point, Quad } from '../result';
import { sampleBilinear, type RgbImage } from './rgb-image';

/** 3x3 homography, row-major, h[8] = 1. */
export type Homography = Float64Array;

/** Solves an n x n linear system in place by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    [b[col], b[pivot]] = [b[pivot], b[col]];
    const p = a[col][col];
    if (Math.abs(p) < 1e-12) throw new Error('degenerate quadrilateral');
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / p;
      for (let c = col; c < n; c++) a[r][c] -= f * a[col][c];
      b[r] -= f * b[col];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let c = r + 1; c < n; c++) s -= a[r][c] * x[c];
    x[r] = s / a[r][r];
  }
  return x;
}

/** Homography mapping each `from[i]` onto `to[i]`. */
export function homography(from: Quad, to: Quad): Homography {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i];
    const { x: u, y: v } = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  return Float64Array.from([...solve(a, b), 1]);
}

export function applyHomography(h: Homography, p: Point): Point {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

/** The mapping from a `width` x `height` image's pixels onto the quadrilateral `corners` (TL, TR, BR, BL). */
export function rectangleToQuad(width: number, height: number, corners: Quad): Homography {
  const rectangle: Quad = [
    { x: 0, y: 0 },
    { x: width - 1, y: 0 },
    { x: width - 1, y: height - 1 },
    { x: 0, y: height - 1 },
  ];
  return homography(rectangle, corners);
}

/** Warps the quadrilateral `corners` of `source` onto an axis-aligned `width` x `height` image. */
export function warpPerspective(source: RgbImage, corners: Quad, width: number, height: number): RgbImage {
  const h = rectangleToQuad(width, height, corners);
  const data = new Uint8Array(width * height * 3);
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h[6] * x + h[7] * y + h[8];
      const sx = (h[0] * x + h[1] * y + h[2]) / w;
      const sy = (h[3] * x + h[4] * y + h[5]) / w;
      sampleBilinear(source, sx, sy, data, o);
      o += 3;
    }
  }
  return { data, width, height };
}
