import type { RotatedBox } from '../geometry/rotated-box';
import type { DecodedChar } from '../text-recognition/ctc-decoder';

/** A recognised text box. */
export interface TextItem {
  box: RotatedBox;
  text: string;
  chars: DecodedChar[];
  confidence: number;
}

/** A text box placed in the deskewed frame: horizontal extent and vertical centre. */
export interface PlacedItem extends TextItem {
  left: number;
  right: number;
  centerY: number;
  height: number;
}

export interface TextLine {
  items: PlacedItem[];
  centerY: number;
  height: number;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Skew of the page: median angle of the wider text boxes (short boxes have unreliable angles). */
export function estimateSkew(items: TextItem[]): number {
  const wide = items.filter((i) => i.box.width > 2 * i.box.height);
  return median((wide.length ? wide : items).map((i) => i.box.angle));
}

/**
 * Deskews text boxes by the median box angle, then groups them into lines: a box joins the line whose
 * vertical centre is within half a text height of its own; lines are ordered top to bottom and their
 * boxes left to right.
 */
export function groupLines(items: TextItem[]): TextLine[] {
  const skew = estimateSkew(items);
  const cos = Math.cos(-skew);
  const sin = Math.sin(-skew);
  const placed: PlacedItem[] = items.map((item) => {
    const x = item.box.cx * cos - item.box.cy * sin;
    const y = item.box.cx * sin + item.box.cy * cos;
    return { ...item, left: x - item.box.width / 2, right: x + item.box.width / 2, centerY: y, height: item.box.height };
  });
  placed.sort((a, b) => a.centerY - b.centerY);

  const lines: TextLine[] = [];
  for (const item of placed) {
    let target: TextLine | undefined;
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 3; i--) {
      const line = lines[i];
      const tolerance = 0.5 * Math.min(line.height, item.height);
      const overlapsHorizontally = line.items.some((o) => item.left < o.right - 2 && o.left < item.right - 2);
      if (Math.abs(line.centerY - item.centerY) <= tolerance && !overlapsHorizontally) {
        target = line;
        break;
      }
    }
    if (target) {
      target.items.push(item);
      const n = target.items.length;
      target.centerY += (item.centerY - target.centerY) / n;
      target.height += (item.height - target.height) / n;
    } else {
      lines.push({ items: [item], centerY: item.centerY, height: item.height });
    }
  }
  for (const line of lines) line.items.sort((a, b) => a.left - b.left);
  return lines.sort((a, b) => a.centerY - b.centerY);
}
