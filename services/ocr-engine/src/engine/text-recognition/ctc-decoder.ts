import { expectedPitch, spaceGapThreshold, SPACE_WIDTH_UNITS } from './glyph-widths';

export interface DecodedChar {
  char: string;
  confidence: number;
  /** First and last output time step of the character (each step covers 8 input pixels). */
  start: number;
  end: number;
  /** Sub-step centre of the character: probability-weighted mean of the steps around its peak. */
  position: number;
  /** Highest probability of the space class between the previous character and this one. */
  spaceBefore: number;
  /**
   * The recogniser's candidates at the character's most confident step, best first (the decoded
   * character included): what joint decoding (the NIK) chooses from besides the greedy reading.
   */
  alternatives: CharCandidate[];
}

export interface CharCandidate {
  char: string;
  probability: number;
}

/** Candidates kept per character: enough for every digit look-alike, few enough to stay cheap. */
const MAX_ALTERNATIVES = 6;
/** Candidates below this probability carry no evidence worth keeping. */
const MIN_ALTERNATIVE_PROBABILITY = 1e-4;

export interface DecodedLine {
  text: string;
  chars: DecodedChar[];
  confidence: number;
}

/**
 * Greedy CTC decoding of one sequence of class probabilities (`steps` x `classes`, class 0 = blank):
 * take the best class per step, merge repeats, drop blanks, and keep where each character sat.
 * `dictionary[k - 1]` is the character of class k.
 */
export function ctcGreedyDecode(
  probabilities: Float32Array,
  steps: number,
  classes: number,
  dictionary: readonly string[],
): DecodedChar[] {
  const chars: DecodedChar[] = [];
  const classOf: number[] = [];
  /** Step at which each character's own class peaked. */
  const peakStep: number[] = [];
  let previous = 0;
  for (let t = 0; t < steps; t++) {
    const offset = t * classes;
    let best = 0;
    let bestP = probabilities[offset];
    for (let k = 1; k < classes; k++) {
      const p = probabilities[offset + k];
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best !== 0 && best === previous) {
      const last = chars[chars.length - 1];
      last.end = t;
      if (bestP > last.confidence) {
        last.confidence = bestP;
        peakStep[peakStep.length - 1] = t;
      }
    } else if (best !== 0) {
      chars.push({ char: dictionary[best - 1] ?? '', confidence: bestP, start: t, end: t, position: t, spaceBefore: 0, alternatives: [] });
      classOf.push(best);
      peakStep.push(t);
    }
    previous = best;
  }
  // Class of the space character, when the dictionary has one (PaddleOCR appends it last).
  const spaceClass = dictionary.lastIndexOf(' ') + 1;
  chars.forEach((c, i) => {
    const from = i > 0 ? chars[i - 1].end : 0;
    if (spaceClass > 0) for (let t = from; t <= c.start; t++) c.spaceBefore = Math.max(c.spaceBefore, probabilities[t * classes + spaceClass]);
    let weight = 0;
    let sum = 0;
    for (let t = Math.max(0, c.start - 1); t <= Math.min(steps - 1, c.end + 1); t++) {
      const p = probabilities[t * classes + classOf[i]];
      weight += p;
      sum += p * t;
    }
    c.position = weight > 0 ? sum / weight : c.start;
    c.alternatives = candidatesAt(probabilities, peakStep[i] * classes, classes, dictionary);
  });
  return chars;
}

/** The most probable non-blank classes of one step, best first. */
function candidatesAt(probabilities: Float32Array, offset: number, classes: number, dictionary: readonly string[]): CharCandidate[] {
  const top: CharCandidate[] = [];
  for (let k = 1; k < classes; k++) {
    const p = probabilities[offset + k];
    if (p < MIN_ALTERNATIVE_PROBABILITY || (top.length === MAX_ALTERNATIVES && p <= top[top.length - 1].probability)) continue;
    let at = top.length;
    while (at > 0 && top[at - 1].probability < p) at--;
    top.splice(at, 0, { char: dictionary[k - 1] ?? '', probability: p });
    if (top.length > MAX_ALTERNATIVES) top.pop();
  }
  return top;
}

/**
 * Below-argmax evidence for a space: the recogniser gives the space class some probability in the
 * blank steps between two words without making it the best class. A clear probability (0.2) is
 * enough; a weak one (0.02) counts when the gap also exceeds what the glyphs predict by half a space.
 * Before, 0.1 was clear and a weak one counted with any excess, which inserted spaces inside words on
 * the generator's noisier photos (`BL OK`, `SR I`); a weak threshold of 0.05 instead lost the space of
 * `I GEDE` (0.027, with 0.7 space widths of excess).
 */
const CLEAR_SPACE_PROBABILITY = 0.2;
const SPACE_PROBABILITY = 0.02;
/** With only weak space probability, the gap must exceed the glyphs' prediction by this share of a space. */
const WEAK_SPACE_GAP = 0.5;

/**
 * Rebuilds the word spaces that the recogniser drops, from two signals: the space class's probability
 * in the steps between two characters, and geometry (the distance between two character centres
 * compared with what the two glyphs' widths predict at the line's scale, estimated as the median
 * ratio over the line; exceeding the prediction by a space's width is a space).
 * Spaces the model did emit are kept.
 */
export function restoreWordSpaces(decoded: DecodedChar[]): DecodedLine {
  const chars = decoded.filter((c) => c.char !== '');
  const ratios: number[] = [];
  for (let i = 1; i < chars.length; i++) {
    const [a, b] = [chars[i - 1], chars[i]];
    if (a.char === ' ' || b.char === ' ') continue;
    ratios.push((b.position - a.position) / expectedPitch(a.char, b.char));
  }
  ratios.sort((x, y) => x - y);
  const scale = ratios.length >= 3 ? ratios[ratios.length >> 1] : null;

  const out: DecodedChar[] = [];
  for (const c of chars) {
    const prev = out[out.length - 1];
    if (c.char === ' ') {
      if (prev && prev.char !== ' ') out.push(c);
      continue;
    }
    if (prev && prev.char !== ' ' && /[\p{L}\p{N}]/u.test(c.char)) {
      const excess = scale === null ? 0 : c.position - prev.position - expectedPitch(prev.char, c.char) * scale;
      const wideGap = scale !== null && excess > spaceGapThreshold(scale, prev.char, c.char);
      const modelSaysSpace =
        c.spaceBefore >= CLEAR_SPACE_PROBABILITY || (c.spaceBefore >= SPACE_PROBABILITY && scale !== null && excess > WEAK_SPACE_GAP * SPACE_WIDTH_UNITS * scale);
      if (modelSaysSpace || wideGap) {
        const confidence = Math.min(prev.confidence, c.confidence);
        out.push({ char: ' ', confidence, start: prev.end, end: c.start, position: (prev.position + c.position) / 2, spaceBefore: 0, alternatives: [] });
      }
    }
    out.push(c);
  }
  while (out.length && out[out.length - 1].char === ' ') out.pop();
  const text = out.map((c) => c.char).join('');
  const scored = out.filter((c) => c.char !== ' ');
  const confidence = scored.length ? scored.reduce((s, c) => s + c.confidence, 0) / scored.length : 0;
  return { text, chars: out, confidence };
}
