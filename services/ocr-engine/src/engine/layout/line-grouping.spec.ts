import type { RotatedBox } from '../geometry/rotated-box';
import { groupLines, type TextItem } from './line-grouping';

/** A text box of a page tilted by `angle` around the origin: label at x = 0, value at x = 200, row `row`. */
function item(text: string, x: number, row: number, angle: number, width = 120): TextItem {
  const y = row * 28;
  const box: RotatedBox = {
    cx: (x + width / 2) * Math.cos(angle) - y * Math.sin(angle),
    cy: (x + width / 2) * Math.sin(angle) + y * Math.cos(angle),
    width,
    height: 20,
    angle,
  };
  return { box, text, chars: [], confidence: 1 };
}

describe('groupLines', () => {
  it('keeps label and value on one line when the card is tilted', () => {
    const angle = (6 * Math.PI) / 180;
    // At 6 degrees the value 300 px to the right sits 31 px lower: more than a row without deskewing.
    const items = [item('Nama', 0, 0, angle), item('SITI', 300, 0, angle), item('Alamat', 0, 1, angle), item('JL. X', 300, 1, angle)];
    const lines = groupLines(items);
    expect(lines.map((l) => l.items.map((i) => i.text))).toEqual([['Nama', 'SITI'], ['Alamat', 'JL. X']]);
  });

  it('orders lines top to bottom and items left to right', () => {
    const lines = groupLines([item('B', 300, 1, 0), item('A', 0, 1, 0), item('TOP', 100, 0, 0)]);
    expect(lines.map((l) => l.items.map((i) => i.text).join(' '))).toEqual(['TOP', 'A B']);
  });
});
