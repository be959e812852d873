import type { RotatedBox } from '../geometry/rotated-box';
import { groupLines, type PlacedItem, type TextItem, type TextLine } from '../layout/line-grouping';
import { findNikItem } from '../nik-decoding/nik-line';
import { CITIZENSHIPS, GENDERS, MARITAL_STATUSES, RELIGIONS } from '../normalisation/ktp-vocabularies';
import { normaliseKtpFields } from '../normalisation/normalise-ktp-fields';
import type { KtpFieldKey } from '../result';
import { KTP_BODY_LABELS } from './ktp-labels';
import { parseKtp, PHOTO_ZONE_IN_COLUMN_WIDTHS, type ParsedKtp } from './ktp-parser';
import { matchLabelPrefix } from './label-matching';

/**
 * Recognising only the values: a KTP prints its body labels in a fixed order, in a column of their
 * own, so once the text boxes are found the boxes holding only a label are known from their place,
 * and which label each is from the order of the rows. The values are recognised first; when they
 * confirm the layout (below), the labels are never read. When the rows take the labels but a value
 * does not fit, only that row's label is read, and confirms the row if it reads as its label.
 * Otherwise the labels are read and parsed as text, as without this.
 */

/** The boxes whose text waits: those holding only a body label, and those in the photo zone, found from the boxes' geometry alone. */
export interface LabelColumn {
  labelBoxes: ReadonlySet<RotatedBox>;
  /** Boxes well inside the photo zone (issuing place and date), which the parser ignores. */
  photoZoneBoxes: ReadonlySet<RotatedBox>;
  /** Left edges of the label and value columns, in the deskewed frame of `groupLines`. */
  labelLeft: number;
  valueLeft: number;
}

/** Rows with a label and a separate value that locate the two columns, at least. */
const MIN_COLUMN_ROWS = 6;

/**
 * Each value a card with a trusted layout must show readably, with the label of its row: a label given
 * to the wrong row would put a value where none of these fits (the NIK row anchors the order; these
 * rows are spread over it).
 */
const LAYOUT_CHECKS: ReadonlyArray<{ field: KtpFieldKey; label: string; fits: (value: string) => boolean }> = [
  { field: 'tanggalLahir', label: 'Tempat/Tgl Lahir', fits: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) },
  { field: 'jenisKelamin', label: 'Jenis Kelamin', fits: (v) => (GENDERS as readonly string[]).includes(v) },
  { field: 'rtRw', label: 'RT/RW', fits: (v) => /^\d{3}\/\d{3}$/.test(v) },
  { field: 'agama', label: 'Agama', fits: (v) => (RELIGIONS as readonly string[]).includes(v) },
  { field: 'statusPerkawinan', label: 'Status Perkawinan', fits: (v) => (MARITAL_STATUSES as readonly string[]).includes(v) },
  { field: 'kewarganegaraan', label: 'Kewarganegaraan', fits: (v) => (CITIZENSHIPS as readonly string[]).includes(v) },
];

const isNarrow = (box: RotatedBox) => box.width <= 1.5 * box.height;

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Where the label and value columns are, from rows whose label and value are separate boxes; null when too few. */
export function findLabelColumn(boxes: RotatedBox[]): LabelColumn | null {
  const lines = groupLines(boxes.map((box) => ({ box, text: '', chars: [], confidence: 0 })));
  // Narrow boxes are the colons between the columns (and one-letter values): they locate nothing.
  const rows = lines.map((line) => ({ height: line.height, items: line.items.filter((item) => !isNarrow(item.box)) }));
  const valueLefts = rows.filter((row) => row.items.length >= 2).map((row) => row.items[1].left);
  if (valueLefts.length < MIN_COLUMN_ROWS) return null;
  const valueLeft = median(valueLefts);
  const labelLeft = median(rows.filter((row) => row.items.length >= 2).map((row) => row.items[0].left));
  // The parser finds the photo zone from the columns of the recognised text: a row height's margin covers the difference.
  const photoZoneLeft = labelLeft + PHOTO_ZONE_IN_COLUMN_WIDTHS * (valueLeft - labelLeft);
  const labelBoxes = new Set<RotatedBox>();
  const photoZoneBoxes = new Set<RotatedBox>();
  for (const row of rows) {
    const first = row.items[0];
    if (first && first.left < valueLeft - 0.5 * row.height && first.right < valueLeft) labelBoxes.add(first.box);
    for (const item of row.items) if (item.left > photoZoneLeft + row.height) photoZoneBoxes.add(item.box);
  }
  return { labelBoxes, photoZoneBoxes, labelLeft, valueLeft };
}

/** What the rows and values say of a card's label layout. */
export type LabelLayout =
  /** The rows take the labels: the parsed card and each label box's label. */
  | { confirmed: true; parsed: ParsedKtp; labels: Map<RotatedBox, string> }
  /** The rows take the labels, but some values do not fit: these label boxes, read, would confirm their rows. */
  | { confirmed: false; labelsToRead: RotatedBox[] };

/**
 * The labels of a card whose values were recognised and whose label boxes were not, or only some of
 * them (`readLabelBoxes`; the others' text is ignored): from the NIK row down, the rows that start in
 * the label column take the printed labels in order; when they are fewer than the labels (a label too
 * faint for the text detector), all the lines from the NIK down outside the photo zone. Null, the layout
 * not trusted, unless there are exactly as many such rows as labels, every label box (all of them among
 * `items`) is the first of one, and a label box read reads as its label. A row starting with other
 * recognised text (a label glued to its value) reads as its label or, misread, is an unreadable label
 * as for the parser. The values must then parse as a KTP (`LAYOUT_CHECKS`): a value that does not fit
 * is accepted only when its row's label was read as that label (the value is misread, the row is
 * right); else the label boxes of those rows are the ones to read (`confirmed: false`).
 */
export function readLabelLayout(
  items: TextItem[],
  column: LabelColumn,
  readLabelBoxes: ReadonlySet<RotatedBox> = new Set(),
): LabelLayout | null {
  const nik = findNikItem(items.filter((item) => !column.labelBoxes.has(item.box) && !column.photoZoneBoxes.has(item.box)));
  if (!nik) return null;
  const lines = groupLines(items);
  const nikLine = lines.findIndex((line) => line.items.some((item) => item.box === nik.box));
  const body = lines.slice(nikLine);
  let rows = body.filter((line) => column.labelBoxes.has(line.items[0].box) || startsInLabelColumn(line, column));
  // Labels the text detector missed (faint print): when the lines from the NIK down, the photo zone's aside, are as many as the labels, they are the rows.
  if (rows.length < KTP_BODY_LABELS.length) rows = body.filter((line) => line.items.some((item) => !column.photoZoneBoxes.has(item.box)));
  if (rows.length !== KTP_BODY_LABELS.length) return null;

  const labels = new Map<RotatedBox, string>();
  /** Rows whose label was read as text, by label. */
  const readRows = new Set<string>();
  /** The label box of each row that has one, by label. */
  const labelBoxOf = new Map<string, RotatedBox>();
  /** Rows with nothing in the label column: the label the order gives them, placed there for the parser. */
  const unprinted = new Map<TextLine, PlacedItem>();
  for (const [i, row] of rows.entries()) {
    const first = row.items[0];
    const label = KTP_BODY_LABELS[i];
    const isLabelBox = column.labelBoxes.has(first.box);
    if (isLabelBox) {
      labels.set(first.box, label.id);
      labelBoxOf.set(label.id, first.box);
    } else if (!startsInLabelColumn(row, column)) {
      unprinted.set(row, placedLabel(label.id, row, column));
      continue;
    }
    if (isLabelBox && !readLabelBoxes.has(first.box)) continue;
    if (matchLabelPrefix(first.text.split(':')[0], label.compact)) readRows.add(label.id);
    else if (isLabelBox) return null;
  }
  if (labels.size !== column.labelBoxes.size) return null;

  const labelled: TextLine[] = lines.map((line) => {
    const items = line.items.map((item) => (labels.has(item.box) ? { ...item, text: labels.get(item.box)!, confidence: 1 } : item));
    return { ...line, items: unprinted.has(line) ? [unprinted.get(line)!, ...items] : items };
  });
  const parsed = parseKtp(labelled);
  const fields = normaliseKtpFields(parsed.fields);
  const unconfirmed = LAYOUT_CHECKS.filter(({ field, label, fits }) => !readRows.has(label) && !(fields[field] && fits(fields[field]!.value)));
  if (!unconfirmed.length) return { confirmed: true, parsed, labels };
  const labelsToRead = unconfirmed.map(({ label }) => labelBoxOf.get(label));
  // A row without a label box whose value does not fit: nothing can confirm it.
  if (labelsToRead.some((box) => !box)) return null;
  return { confirmed: false, labelsToRead: labelsToRead as RotatedBox[] };
}

function startsInLabelColumn(line: TextLine, column: LabelColumn): boolean {
  return line.items[0].left < column.valueLeft - 0.5 * line.height;
}

/** A label the order gives a row with nothing in the label column, as if printed there: what the parser reads. */
function placedLabel(text: string, line: TextLine, column: LabelColumn): PlacedItem {
  const right = column.valueLeft - line.height;
  const box = { cx: (column.labelLeft + right) / 2, cy: line.centerY, width: right - column.labelLeft, height: line.height, angle: 0 };
  return { box, text, chars: [], confidence: 1, left: column.labelLeft, right, centerY: line.centerY, height: line.height };
}
