import type { Quad } from '../result';
import { isMostlyVertical, isPortrait, rotateQuarter, turnQuad, unturnQuad } from './orientation';

const landscape: Quad = [
  { x: 0, y: 0 },
  { x: 856, y: 0 },
  { x: 856, y: 540 },
  { x: 0, y: 540 },
];

describe('orientation', () => {
  it('turns a quad by renaming its corners, so the left edge becomes the top', () => {
    const turned = turnQuad(landscape, 1);
    expect(turned[0]).toEqual({ x: 0, y: 540 });
    expect(turned[1]).toEqual({ x: 0, y: 0 });
    expect(turnQuad(landscape, 4)).toEqual(landscape);
    expect(turnQuad(turnQuad(landscape, 1), -1)).toEqual(landscape);
  });

  it('tells a card standing on its short side', () => {
    expect(isPortrait(landscape)).toBe(false);
    expect(isPortrait(turnQuad(landscape, 1))).toBe(true);
  });

  it('finds text lines running up and down the image, whichever way the boxes are described', () => {
    const horizontal = { cx: 100, cy: 100, width: 300, height: 30, angle: 0.02 };
    const tall = { cx: 100, cy: 100, width: 30, height: 300, angle: 0 };
    const turned = { cx: 100, cy: 100, width: 300, height: 30, angle: Math.PI / 2 };
    const letter = { cx: 100, cy: 100, width: 30, height: 40, angle: 0 };
    expect(isMostlyVertical([horizontal, horizontal, letter])).toBe(false);
    expect(isMostlyVertical([tall, turned, horizontal, letter, letter])).toBe(true);
    expect(isMostlyVertical([letter])).toBe(false);
  });
});

describe('quarter turns of an image', () => {
  // 3 x 2 image; each pixel's red channel is its index.
  const image = { width: 3, height: 2, data: Uint8Array.from([0, 1, 2, 3, 4, 5].flatMap((i) => [i, 0, 0])) };

  it('turns the image clockwise, the left column becoming the top row', () => {
    const turned = rotateQuarter(image);
    expect([turned.width, turned.height]).toEqual([2, 3]);
    expect([...turned.data].filter((_, i) => i % 3 === 0)).toEqual([3, 0, 4, 1, 5, 2]);
  });

  it('maps points found in the turned image back to the original', () => {
    // Old pixel 3 (x 0, y 1) is new pixel (0, 0).
    expect(unturnQuad([{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 2 }, { x: 0, y: 2 }], image)).toEqual([
      { x: 0, y: 1 },
      { x: 0, y: 0 },
      { x: 2, y: 0 },
      { x: 2, y: 1 },
    ]);
  });
});
