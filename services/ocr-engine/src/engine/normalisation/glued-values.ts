import type { RawKtpFields } from '../ktp-parser/ktp-parser';
import type { FieldReading } from '../result';
import { GENDERS, MARITAL_STATUSES, RELIGIONS, VALID_FOR_LIFE } from './ktp-vocabularies';
import { snapToVocabulary } from './text-similarity';

type RawKey = keyof RawKtpFields;

/** Fields whose every value is in a list (foreigners' citizenship and occupations are not: left out). */
const CLOSED: Partial<Record<RawKey, readonly string[]>> = {
  jenisKelamin: GENDERS,
  agama: RELIGIONS,
  statusPerkawinan: MARITAL_STATUSES,
  berlakuHingga: [VALID_FOR_LIFE],
};

/** Rows printed one under the other, the upper one a closed field: what slides between them when rows merge. */
const NEIGHBOURS: readonly [upper: RawKey, lower: RawKey][] = [
  ['jenisKelamin', 'alamat'],
  ['agama', 'statusPerkawinan'],
];

/** Most words of a vocabulary entry (`KEPERCAYAAN TERHADAP TUHAN YME`). */
const MAX_ENTRY_WORDS = 4;

/** The leading words of `text` that read as an entry of `vocabulary` (the longest such), and the words after them. */
export function leadingEntry(text: string, vocabulary: readonly string[], maxErrorRate: number): { entry: string; rest: string } | null {
  const words = text.trim().split(/\s+/);
  for (let n = Math.min(MAX_ENTRY_WORDS, words.length - 1); n >= 1; n--) {
    const match = snapToVocabulary(words.slice(0, n).join(' '), vocabulary, maxErrorRate);
    if (match) return { entry: match.value, rest: words.slice(n).join(' ') };
  }
  return null;
}

/**
 * Values of two rows read as one line (a merged row, or a label missed between them) are split again:
 * - a closed field followed by more words keeps the entry (`SEUMUR HIDUP DRMAN MANC`, `ISLAM KAWIN`);
 *   the words after it go to the row below when that row is empty and they read as its value;
 * - a value that begins with the row above's entry, exactly, while that row is empty
 *   (`PEREMPUAN JL. DIPONEGORO` under an empty `Jenis Kelamin`), gives the entry back to it.
 * Anything else is left as read.
 */
export function separateGluedValues(raw: RawKtpFields): RawKtpFields {
  const fields: RawKtpFields = { ...raw };
  const reading = (value: string, from: FieldReading): FieldReading => ({ value, confidence: from.confidence });

  for (const [upper, lower] of NEIGHBOURS) {
    const above = fields[upper];
    const below = fields[lower];
    if (!above && below) {
      const split = leadingEntry(below.value, CLOSED[upper]!, 0);
      if (split) {
        fields[upper] = reading(split.entry, below);
        fields[lower] = reading(split.rest, below);
      }
    }
  }
  for (const [key, vocabulary] of Object.entries(CLOSED) as [RawKey, readonly string[]][]) {
    const glued = fields[key];
    if (!glued || snapToVocabulary(glued.value, vocabulary)) continue;
    const split = leadingEntry(glued.value, vocabulary, 0.3);
    if (!split) continue;
    fields[key] = reading(split.entry, glued);
    const lower = NEIGHBOURS.find(([upper]) => upper === key)?.[1];
    const lowerVocabulary = lower && CLOSED[lower];
    if (lower && lowerVocabulary && !fields[lower] && snapToVocabulary(split.rest, lowerVocabulary)) fields[lower] = reading(split.rest, glued);
  }
  return fields;
}
