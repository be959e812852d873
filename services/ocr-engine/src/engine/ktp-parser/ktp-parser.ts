import type { PlacedItem, TextLine } from '../layout/line-grouping';
import { canonicalText, compact, editDistance } from '../normalisation/text-similarity';
import type { FieldReading, KtpFieldKey } from '../result';
import { BLOOD_TYPE_LABEL, KTP_BODY_LABELS, PROVINCE_HEADER, REGENCY_HEADERS, SIM_CUES, type KtpLabel } from './ktp-labels';
import { matchLabelPrefix, tolerance } from './label-matching';

/** Raw text of each field as read (before normalisation); `tempatTanggalLahir` is still one string. */
export type RawKtpFields = Partial<Record<KtpFieldKey | 'tempatTanggalLahir', FieldReading>>;

export interface ParsedKtp {
  fields: RawKtpFields;
  /** Body labels recognised from their text. */
  labelsMatched: number;
  /** Body labels placed from the fixed label order because their text was unreadable. */
  labelsInferred: number;
  hasProvinceHeader: boolean;
  hasSimCues: boolean;
}

/** A piece of recognised text with its confidence. */
interface Piece {
  text: string;
  confidence: number;
}

interface BodyRow {
  label: KtpLabel | null;
  /** The row starts with something in the label column (a label, possibly unreadable). */
  hasLabelText: boolean;
  labelText: string;
  value: Piece[];
}

/** Where the photo zone starts, in label-to-value column widths right of the label column (measured: 3.2-3.4). */
export const PHOTO_ZONE_IN_COLUMN_WIDTHS = 2.95;

function joinPieces(pieces: Piece[]): FieldReading | null {
  const parts = pieces.map((p) => ({ ...p, text: p.text.trim() })).filter((p) => p.text);
  if (!parts.length) return null;
  const value = parts.map((p) => p.text).join(' ');
  const letters = parts.reduce((s, p) => s + p.text.length, 0);
  const confidence = parts.reduce((s, p) => s + p.confidence * p.text.length, 0) / letters;
  return { value, confidence };
}

function stripLeadingColon(text: string): string {
  return text.replace(/^[\s:;.]*:\s*|^\s*[:;]\s*/, '');
}

function bestBodyLabel(text: string): { label: KtpLabel; consumed: number; distance: number } | null {
  let best: { label: KtpLabel; consumed: number; distance: number } | null = null;
  for (const label of KTP_BODY_LABELS) {
    const match = matchLabelPrefix(text, label.compact);
    if (match && (!best || match.distance / label.compact.length < best.distance / best.label.compact.length)) {
      best = { label, ...match };
    }
  }
  return best;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * Layout-aware KTP parser. Lines above the body are the PROVINSI / KABUPATEN|KOTA header. Body lines are
 * anchored on their printed label (typo tolerant, value possibly glued to it); a line whose label is
 * unreadable gets the label that the fixed printed order leaves for it; a line with nothing in the
 * label column continues the previous value (wrapped addresses). Text in the right quarter (photo,
 * issuing place and date) is ignored.
 */
export function parseKtp(lines: TextLine[]): ParsedKtp {
  const clean = lines.map((line) => ({
    ...line,
    items: line.items.map((item) => ({ ...item, text: canonicalText(item.text) })),
  }));
  const allItems = clean.flatMap((l) => l.items);
  if (!allItems.length) return { fields: {}, labelsMatched: 0, labelsInferred: 0, hasProvinceHeader: false, hasSimCues: false };
  const hasSimCues = allItems.some((i) => SIM_CUES.some((cue) => containsFuzzy(compact(i.text), cue)));

  // Columns, from lines whose first item reads as a label followed by a separate value item.
  const labelLefts: number[] = [];
  const valueLefts: number[] = [];
  for (const line of clean) {
    if (line.items.length < 2) continue;
    const match = bestBodyLabel(line.items[0].text);
    if (match && compact(line.items[0].text.slice(match.consumed)) === '') {
      labelLefts.push(line.items[0].left);
      valueLefts.push(line.items[1].left);
    }
  }
  const labelLeft = median(labelLefts) ?? Math.min(...allItems.map((i) => i.left));
  const textRight = Math.max(...allItems.map((i) => i.right));
  const valueLeft = median(valueLefts) ?? labelLeft + 0.3 * (textRight - labelLeft);
  // On the card the photo starts about 3.3 label-to-value column widths right of the labels.
  const photoZoneLeft = labelLeft + PHOTO_ZONE_IN_COLUMN_WIDTHS * (valueLeft - labelLeft);

  const fields: RawKtpFields = {};
  // `Gol. Darah` sits at the right end of the Jenis Kelamin row; read it wherever it was grouped
  // (security print merged into its box can shift it onto a neighbouring row).
  for (const line of clean) {
    // First in its line too: no label in the label column starts with it, and a tilted card can put it on a line of its own.
    const index = line.items.findIndex((item) => startsWithBloodTypeLabel(item.text));
    if (index < 0) continue;
    // The value is in the label's box, or else in a short box right after it.
    const next = line.items[index + 1];
    const takesNext = next && compact(line.items[index].text).length <= BLOOD_TYPE_LABEL.length && compact(next.text).length <= 3;
    const { bloodType } = splitBloodType(line.items.slice(index, takesNext ? index + 2 : index + 1).map(piece));
    const blood = joinPieces(bloodType);
    if (blood && !fields.golonganDarah) fields.golonganDarah = blood;
    line.items.splice(index, takesNext ? 2 : 1);
  }
  // Or inside another value's box, where the detector merged it with that row's text.
  for (const item of clean.flatMap((line) => line.items)) {
    const inside = fields.golonganDarah ? null : bloodTypeInsideValue(item.text);
    if (!inside) continue;
    const blood = joinPieces(bloodTypeOrDash([{ text: inside.bloodType, confidence: item.confidence }]));
    if (blood) fields.golonganDarah = blood;
    item.text = inside.before;
  }
  let hasProvinceHeader = false;
  const rows: BodyRow[] = [];
  let bodyStarted = false;

  for (const line of clean) {
    // The photo zone (photo, issuing place and date, signature) holds nothing to read.
    const items: PlacedItem[] = line.items.filter((item) => item.left < photoZoneLeft);
    if (!items.length) continue;
    const lineText = items.map((i) => i.text).join(' ');

    if (!bodyStarted) {
      const province = matchLabelPrefix(lineText, PROVINCE_HEADER);
      if (province) {
        hasProvinceHeader = true;
        fields.provinsi = joinPieces([{ text: lineText.slice(province.consumed), confidence: meanConfidence(items) }]) ?? undefined;
        continue;
      }
      const regency = REGENCY_HEADERS.map((h) => matchLabelPrefix(lineText, h)).find((m) => m);
      const firstLabel = bestBodyLabel(items[0].text);
      // Jakarta cards print the city without KOTA (`JAKARTA SELATAN`) on the line under PROVINSI.
      if ((regency || (hasProvinceHeader && !fields.kabupatenKota)) && !firstLabel) {
        fields.kabupatenKota = { value: lineText, confidence: meanConfidence(items) };
        continue;
      }
      if (!firstLabel) continue;
      bodyStarted = true;
    }

    const first = items[0];
    const inLabelColumn = first.left < valueLeft - 0.5 * line.height;
    if (!inLabelColumn) {
      rows.push({ label: null, hasLabelText: false, labelText: '', value: items.map(piece) });
      continue;
    }
    const colon = first.text.indexOf(':');
    const labelPart = colon >= 0 ? first.text.slice(0, colon) : first.text;
    const match = bestBodyLabel(labelPart);
    let gluedValue = '';
    if (colon >= 0) gluedValue = first.text.slice(colon + 1);
    else if (match) gluedValue = first.text.slice(match.consumed);
    const value: Piece[] = [];
    if (stripLeadingColon(gluedValue).trim()) value.push({ text: stripLeadingColon(gluedValue), confidence: first.confidence });
    for (const item of items.slice(1)) value.push({ text: value.length ? item.text : stripLeadingColon(item.text), confidence: item.confidence });
    rows.push({ label: match?.label ?? null, hasLabelText: true, labelText: labelPart, value });
  }

  const { matched, inferred } = assignLabels(rows);

  let current: RawKtpFields[keyof RawKtpFields] | undefined;
  let currentKey: keyof RawKtpFields | null = null;
  for (const row of rows) {
    if (!row.label) {
      // Nothing in the label column: the previous value wraps onto this line.
      if (!row.hasLabelText && currentKey && current) {
        const joined = joinPieces([{ text: current.value, confidence: current.confidence }, ...row.value]);
        if (joined) fields[currentKey] = current = joined;
      }
      continue;
    }
    currentKey = row.label.field;
    if (currentKey === 'jenisKelamin') {
      const { gender, bloodType } = splitBloodType(row.value);
      current = joinPieces(gender) ?? undefined;
      if (current) fields.jenisKelamin = current;
      const blood = joinPieces(bloodType);
      if (blood && !fields.golonganDarah) fields.golonganDarah = blood;
      continue;
    }
    current = joinPieces(row.value) ?? undefined;
    if (current && !fields[currentKey]) fields[currentKey] = current;
  }

  return { fields, labelsMatched: matched, labelsInferred: inferred, hasProvinceHeader, hasSimCues };
}

/** Whether some substring of `text` is within one edit of `cue`. */
function containsFuzzy(text: string, cue: string): boolean {
  for (let start = 0; start + cue.length - 1 <= text.length; start++) {
    for (const length of [cue.length - 1, cue.length, cue.length + 1]) {
      if (start + length <= text.length && editDistance(text.slice(start, start + length), cue) <= 1) return true;
    }
  }
  return false;
}

function piece(item: PlacedItem): Piece {
  return { text: item.text, confidence: item.confidence };
}

function meanConfidence(items: PlacedItem[]): number {
  return items.reduce((s, i) => s + i.confidence, 0) / items.length;
}

/**
 * Gives unreadable labels their place in the fixed printed order: the rows between two recognised labels
 * take, in order, the labels printed between them; if more such rows than labels, each label goes to
 * the row whose text is closest to it.
 */
function assignLabels(rows: BodyRow[]): { matched: number; inferred: number } {
  const order = (label: KtpLabel) => KTP_BODY_LABELS.indexOf(label);
  // Keep only recognised labels in increasing order; an out-of-order match is treated as unreadable.
  let last = -1;
  let matched = 0;
  for (const row of rows) {
    if (!row.label) continue;
    if (order(row.label) <= last) row.label = null;
    else {
      last = order(row.label);
      matched++;
    }
  }
  let inferred = 0;
  let previousIndex = -1;
  let pending: BodyRow[] = [];
  const flush = (nextIndex: number) => {
    const available = KTP_BODY_LABELS.slice(previousIndex + 1, nextIndex);
    if (pending.length && available.length) {
      if (pending.length === available.length) {
        pending.forEach((row, i) => (row.label = available[i]));
        inferred += pending.length;
      } else if (pending.length < available.length) {
        let from = 0;
        for (const row of pending) {
          const key = compact(row.labelText);
          let bestAt = -1;
          let bestDistance = Infinity;
          for (let k = from; k <= available.length - (pending.length - pending.indexOf(row)); k++) {
            const d = matchLabelPrefix(key, available[k].compact, available[k].compact.length)?.distance ?? Infinity;
            if (d < bestDistance) {
              bestDistance = d;
              bestAt = k;
            }
          }
          if (bestAt >= 0 && bestDistance <= 2 * tolerance(available[bestAt].compact.length) + 1) {
            row.label = available[bestAt];
            from = bestAt + 1;
            inferred++;
          }
        }
      }
    }
    pending = [];
  };
  for (const row of rows) {
    if (row.label) {
      flush(order(row.label));
      previousIndex = order(row.label);
    } else if (row.hasLabelText) {
      pending.push(row);
    }
  }
  flush(KTP_BODY_LABELS.length);
  return { matched, inferred };
}

function startsWithBloodTypeLabel(text: string): boolean {
  return matchLabelPrefix(text, BLOOD_TYPE_LABEL, 2) !== null;
}

/** Most characters a blood type has (`AB+`). */
const MAX_BLOOD_TYPE_LENGTH = 3;

/**
 * `Gol. Darah` after a space inside a value (`GORONTALO, 08-07-1983 Gol. Darah: A`): within one typo, and
 * followed by no more than a blood type, so that an address such as `JL. GOLF DARAT` is left alone.
 */
function bloodTypeInsideValue(text: string): { before: string; bloodType: string } | null {
  for (const { start, end } of bloodTypeLabels(text, 1)) {
    if (text[start - 1] !== ' ') continue;
    const after = stripLeadingColon(text.slice(end)).trim();
    if (after.replace(/\s/g, '').length > MAX_BLOOD_TYPE_LENGTH) continue;
    return { before: text.slice(0, start).trimEnd(), bloodType: after };
  }
  return null;
}

/** Where `Gol. Darah` (within `maxDistance` typos) begins and ends in `text`, at each place it could begin, in order. */
function* bloodTypeLabels(text: string, maxDistance: number): Generator<{ start: number; end: number }> {
  for (let start = 0; start < text.length; start++) {
    if (!/[GgCc6]/.test(text[start])) continue;
    const match = matchLabelPrefix(text.slice(start), BLOOD_TYPE_LABEL, maxDistance);
    if (match) yield { start, end: start + match.consumed };
  }
}

/** Confidence given to a `-` inferred from an empty blood type. */
const INFERRED_DASH_CONFIDENCE = 0.5;

/**
 * The blood type pieces after the label; when there is nothing, the card prints `-`: a one-stroke dash
 * is too thin for the text detector, while a letter (A, B, AB, O) is found.
 */
function bloodTypeOrDash(pieces: Piece[]): Piece[] {
  return pieces.some((p) => p.text.trim()) ? pieces : [{ text: '-', confidence: INFERRED_DASH_CONFIDENCE }];
}

/** Splits the Jenis Kelamin row at the `Gol. Darah` label printed at its right end. */
function splitBloodType(pieces: Piece[]): { gender: Piece[]; bloodType: Piece[] } {
  for (let i = 0; i < pieces.length; i++) {
    const text = pieces[i].text;
    for (const { start, end } of bloodTypeLabels(text, 2)) {
      const before = text.slice(0, start);
      const after = stripLeadingColon(text.slice(end));
      return {
        gender: [...pieces.slice(0, i), { text: before, confidence: pieces[i].confidence }],
        bloodType: bloodTypeOrDash([
          { text: after, confidence: pieces[i].confidence },
          ...pieces.slice(i + 1).map((p, k) => (k === 0 && !after.trim() ? { ...p, text: stripLeadingColon(p.text) } : p)),
        ]),
      };
    }
  }
  return { gender: pieces, bloodType: [] };
}
