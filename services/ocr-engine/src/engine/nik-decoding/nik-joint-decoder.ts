import { fixDigitConfusions, validateNik, type NikGender } from '@mediq/contracts';
import { compact, editDistance } from '../normalisation/text-similarity';
import { printedRegionVariants } from '../regions/place-names';
import type { RegionLookup } from '../regions/region-lookup';
import type { DecodedChar } from '../text-recognition/ctc-decoder';

/** Probability of each digit 0-9 at one NIK position, summing to 1. */
export type DigitDistribution = number[];

export const NIK_LENGTH = 16;

/**
 * Smallest probability a digit is given: the recogniser keeps only its top candidates, and a digit it
 * did not list is unlikely, not impossible.
 */
const DIGIT_FLOOR = 1e-4;

/**
 * Per-position digit probabilities of the longest run of digit-like characters in a decoded line
 * (`NIK : 3205...` glued to its label included). Each character's candidates are mapped through the
 * digit look-alikes (`O` -> 0, `I` -> 1...) and summed.
 */
export function nikDigitDistributions(chars: readonly DecodedChar[]): DigitDistribution[] {
  let best: DecodedChar[] = [];
  let run: DecodedChar[] = [];
  for (const c of chars) {
    if (c.char === ' ') continue;
    if (/^\d$/.test(fixDigitConfusions(c.char))) {
      run.push(c);
      if (run.length > best.length) best = run;
    } else {
      run = [];
    }
  }
  return best.map((c) => {
    const p = new Array<number>(10).fill(DIGIT_FLOOR);
    const candidates = c.alternatives.length ? c.alternatives : [{ char: c.char, probability: c.confidence }];
    for (const { char, probability } of candidates) {
      const digit = fixDigitConfusions(char);
      if (/^\d$/.test(digit)) p[Number(digit)] += probability;
    }
    const total = p.reduce((s, x) => s + x, 0);
    return p.map((x) => x / total);
  });
}

/**
 * Digits a NIK line may carry beyond the NIK's 16: a fragment of the colon separator or of the label read
 * as a digit (`: 3205...` as `13205...`), kept so that the decoder can leave it out.
 */
export const MAX_EXTRA_DIGITS = 2;

/**
 * Combines two readings of the same NIK crop digit by digit (mean of the two distributions). Only
 * readings of the same length can be aligned: a 16-digit reading is preferred, else readings of up to
 * `MAX_EXTRA_DIGITS` more (the decoder leaves the extra ones out); null when neither reading is usable.
 */
export function combineReadings(first: DigitDistribution[], second: DigitDistribution[] | null): DigitDistribution[] | null {
  const usable = [first, second].filter((r): r is DigitDistribution[] => r !== null && r.length >= NIK_LENGTH && r.length <= NIK_LENGTH + MAX_EXTRA_DIGITS);
  if (!usable.length) return null;
  const length = usable.some((r) => r.length === NIK_LENGTH) ? NIK_LENGTH : usable[0].length;
  const aligned = usable.filter((r) => r.length === length);
  return aligned[0].map((_, i) => aligned[0][i].map((_, d) => aligned.reduce((s, r) => s + r[i][d], 0) / aligned.length));
}

/** What the card prints besides the NIK, as read (normalised, not yet corrected from the NIK). */
export interface NikCardContext {
  /** ISO `YYYY-MM-DD`. */
  birthDate?: string;
  gender?: NikGender;
  provinsi?: string;
  kabupatenKota?: string;
  kecamatan?: string;
}

/** A rule the card itself can check a NIK against. */
export type NikCheck =
  | 'PROVINCE_UNKNOWN'
  | 'DATE_INVALID'
  | 'DISTRICT_UNKNOWN'
  | 'PROVINCE_MISMATCH'
  | 'REGENCY_MISMATCH'
  | 'DISTRICT_MISMATCH'
  | 'BIRTH_DATE_MISMATCH'
  | 'GENDER_MISMATCH';

/**
 * What breaking each check costs, in nats of recogniser log-probability. Impossible NIKs cost more
 * than any reading the recogniser was unsure of. The others are things real cards do (a NIK first
 * registered in another district, a placeholder birth date in the NIK: 5 of 54 real cards), so they
 * cost only as much as a digit the recogniser gave about 2-5 % against its first choice: a clear
 * reading always wins over them.
 */
const CHECK_COST: Readonly<Record<NikCheck, number>> = {
  PROVINCE_UNKNOWN: 12,
  DATE_INVALID: 12,
  DISTRICT_UNKNOWN: 4,
  PROVINCE_MISMATCH: 3,
  REGENCY_MISMATCH: 3,
  DISTRICT_MISMATCH: 3,
  BIRTH_DATE_MISMATCH: 3.5,
  GENDER_MISMATCH: 3,
};

/** Digits below this probability are not tried as replacements. */
const MIN_ALTERNATIVE = 1e-3;
/** Two-digit replacements are tried only among digits at least this probable. */
const MIN_PAIR_ALTERNATIVE = 0.01;
/** A runner-up within this many nats of the chosen NIK makes the choice uncertain. */
export const UNCERTAIN_MARGIN = 2;

export interface NikDecision {
  nik: string;
  /** The recogniser's own best digits. */
  greedy: string;
  /** Checks the chosen NIK still fails. */
  failedChecks: NikCheck[];
  /** Sum of the chosen digits' log-probabilities. */
  logProbability: number;
  /** Score gap (nats) to the best different candidate; Infinity when there was none. */
  margin: number;
  /** Mean probability the recogniser gave the chosen digits. */
  meanDigitProbability: number;
  /** Log-probability minus the cost of the checks the chosen NIK fails: what the candidates are ranked by. */
  score: number;
  /** Digits of the line left out to make 16 (`decodeNikInRun`); 0 for a 16-digit line. */
  droppedDigits: number;
}

function sameName(printed: string | undefined, official: string | null): boolean | null {
  if (!printed || !official) return null;
  const key = compact(printed);
  return printedRegionVariants(official).some((v) => {
    const target = compact(v);
    return editDistance(key, target) <= Math.max(1, Math.floor(0.35 * target.length));
  });
}

/** The checks a NIK fails against the card and the gazetteer. */
export function failedNikChecks(nik: string, context: NikCardContext, regions: RegionLookup): NikCheck[] {
  const failed: NikCheck[] = [];
  const validation = validateNik(nik, { birthDate: context.birthDate, gender: context.gender });
  for (const e of validation.errors) failed.push(e.rule === 'NIK_PROVINCE_UNKNOWN' ? 'PROVINCE_UNKNOWN' : 'DATE_INVALID');
  for (const w of validation.warnings) failed.push(w.rule === 'NIK_BIRTH_DATE_MISMATCH' ? 'BIRTH_DATE_MISMATCH' : 'GENDER_MISMATCH');
  const district = regions.nameOf(nik.slice(0, 6));
  if (!district) failed.push('DISTRICT_UNKNOWN');
  if (sameName(context.provinsi, regions.nameOf(nik.slice(0, 2))) === false) failed.push('PROVINCE_MISMATCH');
  if (sameName(context.kabupatenKota, regions.nameOf(nik.slice(0, 4))) === false) failed.push('REGENCY_MISMATCH');
  if (sameName(context.kecamatan, district) === false) failed.push('DISTRICT_MISMATCH');
  return failed;
}

interface Candidate {
  digits: number[];
  logProbability: number;
  score: number;
  failed: NikCheck[];
}

/**
 * Reads the NIK jointly with the rest of the card: of the 16-digit strings the recogniser finds
 * plausible (its best digits, and those with one or two digits replaced by its alternatives), the one
 * with the highest log-probability minus the cost of the checks it fails (`CHECK_COST`). A digit the
 * recogniser read clearly is never overruled by a soft check, so a genuine card whose NIK date part
 * disagrees with the printed birth date is read as printed.
 */
export function decodeNikJointly(distributions: DigitDistribution[], context: NikCardContext, regions: RegionLookup): NikDecision {
  if (distributions.length !== NIK_LENGTH) throw new Error(`a NIK has ${NIK_LENGTH} digits, got ${distributions.length}`);
  const greedy = distributions.map((p) => p.indexOf(Math.max(...p)));
  const evaluated = new Map<string, Candidate>();
  const consider = (digits: number[]) => {
    const nik = digits.join('');
    if (evaluated.has(nik)) return;
    const logProbability = digits.reduce((s, d, i) => s + Math.log(distributions[i][d]), 0);
    const failed = failedNikChecks(nik, context, regions);
    evaluated.set(nik, { digits, logProbability, failed, score: logProbability - failed.reduce((s, c) => s + CHECK_COST[c], 0) });
  };
  consider(greedy);
  const replacements: { position: number; digit: number; probability: number }[] = [];
  distributions.forEach((p, position) =>
    p.forEach((probability, digit) => {
      if (digit !== greedy[position] && probability >= MIN_ALTERNATIVE) replacements.push({ position, digit, probability });
    }),
  );
  for (const r of replacements) consider(greedy.map((d, i) => (i === r.position ? r.digit : d)));
  const strong = replacements.filter((r) => r.probability >= MIN_PAIR_ALTERNATIVE);
  for (let a = 0; a < strong.length; a++) {
    for (let b = a + 1; b < strong.length; b++) {
      if (strong[a].position === strong[b].position) continue;
      consider(greedy.map((d, i) => (i === strong[a].position ? strong[a].digit : i === strong[b].position ? strong[b].digit : d)));
    }
  }
  const ranked = [...evaluated.values()].sort((x, y) => y.score - x.score);
  const [best, runnerUp] = ranked;
  return {
    nik: best.digits.join(''),
    greedy: greedy.join(''),
    failedChecks: best.failed,
    logProbability: best.logProbability,
    margin: runnerUp ? best.score - runnerUp.score : Infinity,
    meanDigitProbability: best.digits.reduce((s, d, i) => s + distributions[i][d], 0) / NIK_LENGTH,
    score: best.score,
    droppedDigits: 0,
  };
}

/**
 * Decodes a NIK line of 16 digits, or of up to `MAX_EXTRA_DIGITS` more: each run of 16 consecutive
 * positions is decoded jointly, and the best-scoring one wins. Its margin is also its lead over the
 * other positions, and `droppedDigits` says a digit the recogniser saw was left out, which is never a
 * clear reading.
 */
export function decodeNikInRun(distributions: DigitDistribution[], context: NikCardContext, regions: RegionLookup): NikDecision {
  const extra = distributions.length - NIK_LENGTH;
  if (extra < 0 || extra > MAX_EXTRA_DIGITS) throw new Error(`a NIK line has ${NIK_LENGTH} to ${NIK_LENGTH + MAX_EXTRA_DIGITS} digits, got ${distributions.length}`);
  const windows = Array.from({ length: extra + 1 }, (_, start) => decodeNikJointly(distributions.slice(start, start + NIK_LENGTH), context, regions));
  const [best, runnerUp] = windows.sort((a, b) => b.score - a.score);
  const margin = runnerUp ? Math.min(best.margin, best.score - runnerUp.score) : best.margin;
  return { ...best, margin, droppedDigits: extra };
}
