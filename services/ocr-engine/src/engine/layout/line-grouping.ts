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

const TALL_BOX_FACTOR = 1.6;
const MAX_RESIDUAL_SLOPE = (4 * Math.PI) / 180;

/** Residual slope of a row against the median skew, bounded: perspective tilts rows by a few degrees at most. */
function clampAngle(angle: number): number {
  return Math.max(-MAX_RESIDUAL_SLOPE, Math.min(MAX_RESIDUAL_SLOPE, angle));
}

function horizontalOverlap(a: PlacedItem, b: PlacedItem): number {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left);
}

function centerX(item: PlacedItem): number {
  return (item.left + item.right) / 2;
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
 * longest box, extended along its own slope, passes within half a text height of the box's centre;
 * lines are ordered top to bottom and their boxes left to right.
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

  // Boxes much taller than a text row (text merged with security print) would drag a row's centre;
  // they are placed after the rows have formed.
  const rowHeight = median(placed.map((p) => p.height));
  const tall = placed.filter((p) => p.height > TALL_BOX_FACTOR * rowHeight);
  const lines: TextLine[] = [];
  for (const item of placed.filter((p) => p.height <= TALL_BOX_FACTOR * rowHeight)) {
    let target: TextLine | undefined;
    let bestOffset = Infinity;
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 3; i--) {
      const line = lines[i];
      if (line.items.some((o) => horizontalOverlap(o, item) > 0.3 * Math.min(o.right - o.left, item.right - item.left))) continue;
      // Follow the row's own slope, from its longest box: under perspective, rows are not parallel to
      // the median skew. Short boxes have unreliable angles, so a row of short boxes counts as level.
      const longest = line.items.reduce((a, b) => (b.box.width > a.box.width ? b : a));
      const slope = longest.box.width > 4 * longest.box.height ? Math.tan(clampAngle(longest.box.angle - skew)) : 0;
      const offset = Math.abs(item.centerY - (longest.centerY + slope * (centerX(item) - centerX(longest))));
      if (offset <= 0.5 * Math.min(line.height, item.height) && offset < bestOffset) {
        target = line;
        bestOffset = offset;
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
  for (const item of tall) {
    const nearest = lines.reduce<TextLine | null>(
      (best, line) => (!best || Math.abs(line.centerY - item.centerY) < Math.abs(best.centerY - item.centerY) ? line : best),
      null,
    );
    if (nearest && Math.abs(nearest.centerY - item.centerY) <= item.height / 2) nearest.items.push(item);
    else lines.push({ items: [item], centerY: item.centerY, height: item.height });
  }
  for (const line of lines) line.items.sort((a, b) => a.left - b.left);
  return lines.sort((a, b) => a.centerY - b.centerY);
}
