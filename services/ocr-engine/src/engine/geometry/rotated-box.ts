import type { Point, Quad } from '../result';

/** A rectangle of `width` along direction `angle` (radians) and `height` across it, around a centre. */
export interface RotatedBox {
  cx: number;
  cy: number;
  width: number;
  height: number;
  angle: number;
}

export function boxCorners(box: RotatedBox): Quad {
  const ux = Math.cos(box.angle);
  const uy = Math.sin(box.angle);
  const hw = box.width / 2;
  const hh = box.height / 2;
  const corner = (sw: number, sh: number): Point => ({
    x: box.cx + sw * hw * ux - sh * hh * uy,
    y: box.cy + sw * hw * uy + sh * hh * ux,
  });
  return [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)];
}

export function boxFromCorners(corners: Quad): RotatedBox {
  const [tl, tr, , bl] = corners;
  const cx = (corners[0].x + corners[1].x + corners[2].x + corners[3].x) / 4;
  const cy = (corners[0].y + corners[1].y + corners[2].y + corners[3].y) / 4;
  return {
    cx,
    cy,
    width: Math.hypot(tr.x - tl.x, tr.y - tl.y),
    height: Math.hypot(bl.x - tl.x, bl.y - tl.y),
    angle: Math.atan2(tr.y - tl.y, tr.x - tl.x),
  };
}

/** Andrew's monotone chain; returns the hull counter-clockwise without repeating the first point. */
export function convexHull(points: Point[]): Point[] {
  if (points.length < 3) return points.slice();
  const sorted = points.slice().sort((a, b) => a.x - b.x || a.y - b.y);
  const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/**
 * Minimum-area enclosing rectangle of a convex hull (rotating calipers over the hull edges),
 * oriented so that its `width` axis is the one closest to horizontal.
 */
export function minAreaRect(hull: Point[]): RotatedBox {
  let best: RotatedBox | null = null;
  let bestArea = Infinity;
  const n = hull.length;
  const directions = n < 2 ? [0] : hull.map((p, i) => Math.atan2(hull[(i + 1) % n].y - p.y, hull[(i + 1) % n].x - p.x));
  for (const theta of directions) {
    const ux = Math.cos(theta);
    const uy = Math.sin(theta);
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const u = p.x * ux + p.y * uy;
      const v = -p.x * uy + p.y * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const mu = (minU + maxU) / 2;
      const mv = (minV + maxV) / 2;
      best = { cx: mu * ux - mv * uy, cy: mu * uy + mv * ux, width: maxU - minU, height: maxV - minV, angle: theta };
    }
  }
  return orientHorizontally(best!);
}

/** Re-expresses a box so that its width axis has an angle in (-45, 45] degrees. */
export function orientHorizontally(box: RotatedBox): RotatedBox {
  let { angle, width, height } = box;
  angle = Math.atan2(Math.sin(angle), Math.cos(angle));
  while (angle > Math.PI / 4) {
    angle -= Math.PI / 2;
    [width, height] = [height, width];
  }
  while (angle <= -Math.PI / 4) {
    angle += Math.PI / 2;
    [width, height] = [height, width];
  }
  return { ...box, angle, width, height };
}
