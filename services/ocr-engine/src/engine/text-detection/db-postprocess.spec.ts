import { dbPostprocess } from './db-postprocess';

/** A probability map with a filled rectangle of `p` rotated by `angle` around (cx, cy). */
function mapWithRectangle(width: number, height: number, rect: { cx: number; cy: number; w: number; h: number; angle: number }, p = 0.9): Float32Array {
  const map = new Float32Array(width * height);
  const cos = Math.cos(rect.angle);
  const sin = Math.sin(rect.angle);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - rect.cx;
      const dy = y + 0.5 - rect.cy;
      const u = dx * cos + dy * sin;
      const v = -dx * sin + dy * cos;
      if (Math.abs(u) <= rect.w / 2 && Math.abs(v) <= rect.h / 2) map[y * width + x] = p;
    }
  }
  return map;
}

describe('dbPostprocess', () => {
  it('finds a horizontal text region and expands it by the unclip offset', () => {
    const [region, ...rest] = dbPostprocess(mapWithRectangle(200, 100, { cx: 100, cy: 50, w: 120, h: 10, angle: 0 }), 200, 100);
    expect(rest).toHaveLength(0);
    expect(region.score).toBeCloseTo(0.9);
    expect(region.box.cx).toBeCloseTo(100, 0);
    expect(region.box.cy).toBeCloseTo(50, 0);
    // offset = area * 1.5 / perimeter = 120 * 10 * 1.5 / 260 ~= 6.9 on every side
    expect(region.box.width).toBeGreaterThan(130);
    expect(region.box.height).toBeGreaterThan(22);
    expect(Math.abs(region.box.angle)).toBeLessThan(0.02);
  });

  it('measures the angle of a tilted region', () => {
    const angle = (8 * Math.PI) / 180;
    const [region] = dbPostprocess(mapWithRectangle(300, 200, { cx: 150, cy: 100, w: 160, h: 14, angle }), 300, 200);
    expect(region.box.angle).toBeCloseTo(angle, 1);
  });

  it('drops faint regions and specks', () => {
    const faint = mapWithRectangle(100, 60, { cx: 50, cy: 30, w: 60, h: 10, angle: 0 }, 0.4);
    expect(dbPostprocess(faint, 100, 60)).toHaveLength(0);
    const speck = mapWithRectangle(100, 60, { cx: 50, cy: 30, w: 2, h: 2, angle: 0 });
    expect(dbPostprocess(speck, 100, 60)).toHaveLength(0);
  });

  it('separates two regions', () => {
    const map = mapWithRectangle(200, 100, { cx: 50, cy: 30, w: 60, h: 10, angle: 0 });
    const second = mapWithRectangle(200, 100, { cx: 150, cy: 70, w: 60, h: 10, angle: 0 });
    second.forEach((p, i) => (map[i] = Math.max(map[i], p)));
    expect(dbPostprocess(map, 200, 100)).toHaveLength(2);
  });
});
