import { fixDigitConfusions } from '@mediq/contracts';
import type { TextItem } from '../layout/line-grouping';
import { NIK_LENGTH } from './nik-joint-decoder';

/** Digit-like characters in a row that make a text box the NIK line (a misread or lost digit allowed). */
const MIN_RUN = NIK_LENGTH - 2;
const MAX_RUN = NIK_LENGTH + 2;

/** Longest run of characters that read as digits (look-alikes included), spaces skipped. */
export function longestDigitRun(text: string): number {
  let best = 0;
  let run = 0;
  for (const ch of text.replace(/\s/g, '')) {
    run = /\d/.test(fixDigitConfusions(ch)) ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/**
 * The text box holding the NIK: the KTP's only long run of digits (dates and RT/RW are short and
 * separated). Null when no box has a run of about 16.
 */
export function findNikItem(items: readonly TextItem[]): TextItem | null {
  let best: TextItem | null = null;
  let bestRun = 0;
  for (const item of items) {
    const run = longestDigitRun(item.text);
    if (run >= MIN_RUN && run <= MAX_RUN && Math.abs(run - NIK_LENGTH) < Math.abs(bestRun - NIK_LENGTH)) {
      best = item;
      bestRun = run;
    }
  }
  return best;
}
