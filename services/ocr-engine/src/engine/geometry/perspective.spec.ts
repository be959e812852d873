import type { Quad } from '../result';
import { applyHomography, homography, warpPerspective } from './perspective';

describe('perspective', () => {
  const square: Quad = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
  const trapezoid: Quad = [{ x: 2, y: 1 }, { x: 8, y: 1 }, { x: 10, y: 9 }, { x: 0, y: 9 }];

  it('maps each corner onto its target', () => {
    const h = homography(square, trapezoid);
    square.forEach((p: Quad[number], i: number) => {
      const q = applyHomography(h, p);
      expect(q.x).toBeCloseTo(trapezoid[i].x, 6);
      expect(q.y).toBeCloseTo(trapezoid[i].y, 6);
    });
  });

  it('warps a quadrilateral region onto a rectangle', () => {
    // 20 x 20 image: left half black, right half white.
    const data = new Uint8Array(20 * 20 * 3);
    for (let y = 0; y < 20; y++) for (let x = 10; x < 20; x++) data.fill(255, (y * 20 + x) * 3, (y * 20 + x) * 3 + 3);
    const out = warpPerspective({ data, width: 20, height: 20 }, [{ x: 10, y: 0 }, { x: 19, y: 0 }, { x: 19, y: 19 }, { x: 10, y: 19 }], 8, 8);
    expect(Math.min(...out.data)).toBe(255);
  });
});
