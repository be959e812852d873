import { editDistance } from '../../services/ocr-engine/src/engine/normalisation/text-similarity';
import { KTP_FIELD_KEYS } from '../../services/ocr-engine/src/engine/result';

export type FieldValues = Partial<Record<string, string>>;

/** Printed `DD-MM-YYYY` as ISO, the form the engine returns dates in. */
function printedDateAsIso(value: string): string {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : value;
}

/** Ground truth in the engine's output conventions (dates ISO, everything else verbatim). */
export function expectedValues(fields: Record<string, string>): FieldValues {
  const out: FieldValues = { ...fields };
  if (out.tanggalLahir) out.tanggalLahir = printedDateAsIso(out.tanggalLahir);
  if (out.berlakuHingga) out.berlakuHingga = printedDateAsIso(out.berlakuHingga);
  return out;
}

interface FieldTally {
  exact: number;
  exactIgnoringSpaces: number;
  editErrors: number;
  characters: number;
  cards: number;
}

/** Per-field exact match (with and without word spaces) and character error rate over many cards. */
export class FieldScores {
  readonly perField = new Map<string, FieldTally>(KTP_FIELD_KEYS.map((k) => [k, { exact: 0, exactIgnoringSpaces: 0, editErrors: 0, characters: 0, cards: 0 }]));
  cards = 0;
  cardsAllExact = 0;
  nikExact = 0;

  add(expected: FieldValues, got: FieldValues): void {
    this.cards++;
    let all = true;
    for (const key of KTP_FIELD_KEYS) {
      const want = expected[key];
      if (want === undefined) continue;
      const have = got[key] ?? '';
      const tally = this.perField.get(key)!;
      tally.cards++;
      tally.characters += want.length;
      tally.editErrors += editDistance(have, want);
      if (have === want) tally.exact++;
      else all = false;
      if (have.replace(/\s/g, '') === want.replace(/\s/g, '')) tally.exactIgnoringSpaces++;
    }
    if (all) this.cardsAllExact++;
    if (expected.nik !== undefined && got.nik === expected.nik) this.nikExact++;
  }

  summary(): { field: string; exact: number; exactIgnoringSpaces: number; cer: number }[] {
    const rows = [...this.perField].filter(([, t]) => t.cards).map(([field, t]) => ({
      field,
      exact: t.exact / t.cards,
      exactIgnoringSpaces: t.exactIgnoringSpaces / t.cards,
      cer: t.editErrors / Math.max(1, t.characters),
    }));
    const total = [...this.perField.values()].reduce(
      (s, t) => ({ exact: s.exact + t.exact, spaces: s.spaces + t.exactIgnoringSpaces, errors: s.errors + t.editErrors, chars: s.chars + t.characters, n: s.n + t.cards }),
      { exact: 0, spaces: 0, errors: 0, chars: 0, n: 0 },
    );
    rows.push({ field: 'ALL FIELDS', exact: total.exact / Math.max(1, total.n), exactIgnoringSpaces: total.spaces / Math.max(1, total.n), cer: total.errors / Math.max(1, total.chars) });
    return rows;
  }
}

/** How well `fieldsToCheck` points at the wrong fields: recall on the wrong ones, false flags on the right ones. */
export class FlagScores {
  wrong = 0;
  wrongFlagged = 0;
  right = 0;
  rightFlagged = 0;

  add(expected: FieldValues, got: FieldValues, fieldsToCheck: readonly string[]): void {
    for (const key of KTP_FIELD_KEYS) {
      const want = expected[key];
      if (want === undefined) continue;
      const flagged = fieldsToCheck.includes(key);
      if ((got[key] ?? '') === want) {
        this.right++;
        if (flagged) this.rightFlagged++;
      } else {
        this.wrong++;
        if (flagged) this.wrongFlagged++;
      }
    }
  }

  summary(): { wrong: number; wrongFlagged: number; right: number; rightFlagged: number; recall: number; falseFlagRate: number } {
    return { ...this, recall: this.wrongFlagged / this.wrong, falseFlagRate: this.rightFlagged / this.right };
  }
}

/**
 * Expected calibration error: fields binned by their stated probability of being right (10 equal
 * bins), the mean gap between stated probability and observed accuracy, weighted by bin size.
 */
export function calibrationError(samples: readonly { p: number; right: boolean }[], bins = 10): number {
  const sums = Array.from({ length: bins }, () => ({ n: 0, p: 0, right: 0 }));
  for (const s of samples) {
    const bin = sums[Math.min(bins - 1, Math.floor(s.p * bins))];
    bin.n++;
    bin.p += s.p;
    bin.right += s.right ? 1 : 0;
  }
  return sums.reduce((error, b) => error + (b.n ? (b.n / samples.length) * Math.abs(b.p / b.n - b.right / b.n) : 0), 0);
}
