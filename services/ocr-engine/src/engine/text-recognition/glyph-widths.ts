/**
 * Advance widths (1/1000 em) of a Helvetica/Arial-like sans, the typeface family KTPs are printed in.
 * Used only to predict how far apart two neighbouring characters' centres should be.
 */
const WIDTHS: Record<string, number> = {
  A: 667, B: 667, C: 722, D: 722, E: 667, F: 611, G: 778, H: 722, I: 278, J: 500, K: 667, L: 556, M: 833,
  N: 722, O: 778, P: 667, Q: 778, R: 722, S: 667, T: 611, U: 722, V: 667, W: 944, X: 667, Y: 667, Z: 611,
  a: 556, b: 556, c: 500, d: 556, e: 556, f: 278, g: 556, h: 556, i: 222, j: 222, k: 500, l: 222, m: 833,
  n: 556, o: 556, p: 556, q: 556, r: 333, s: 500, t: 278, u: 556, v: 500, w: 722, x: 500, y: 500, z: 500,
  '.': 278, ',': 278, ':': 278, ';': 278, '-': 333, '/': 278, '(': 333, ')': 333, "'": 191, '"': 355,
};
const DIGIT_WIDTH = 556;
const DEFAULT_WIDTH = 600;
/** Width of a space, in the same units as the glyph widths (a 1000-unit em). */
export const SPACE_WIDTH_UNITS = 278;
/**
 * Share of a space's width by which a gap must exceed the prediction to count as a space: more than a
 * whole space, as character centres from CTC steps (8 px each) are uncertain by about a quarter of a
 * glyph (set with the space probabilities of ctc-decoder.ts on the tuning set; 0.85 before).
 */
const SPACE_FRACTION = 1.1;
/** The recogniser places narrow glyphs (I, l, 1, t, r) off-centre, so gaps next to them need more evidence. */
const NARROW_GLYPH = 333;
const SPACE_FRACTION_NARROW = 1.3;
/**
 * After a full stop the recogniser places the narrow `.` off-centre, and abbreviations on cards are
 * nearly always followed by a space (`JL. MERDEKA`, `KP. CIOJAR`, `NO. 5`), so less evidence is needed.
 */
const SPACE_FRACTION_AFTER_STOP = 0.3;

function glyphWidth(char: string): number {
  if (char >= '0' && char <= '9') return DIGIT_WIDTH;
  return WIDTHS[char] ?? DEFAULT_WIDTH;
}

/** Predicted distance between the centres of two adjacent glyphs, in 1/1000 em. */
export function expectedPitch(a: string, b: string): number {
  return (glyphWidth(a) + glyphWidth(b)) / 2;
}

/** Extra distance (in the same units as `scale` converts to) that marks a word space. */
export function spaceGapThreshold(scale: number, previous: string, next: string): number {
  if (previous === '.') return SPACE_FRACTION_AFTER_STOP * SPACE_WIDTH_UNITS * scale;
  const narrow = glyphWidth(previous) <= NARROW_GLYPH || glyphWidth(next) <= NARROW_GLYPH;
  return (narrow ? SPACE_FRACTION_NARROW : SPACE_FRACTION) * SPACE_WIDTH_UNITS * scale;
}
