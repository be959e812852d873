/** Letters that OCR engines commonly return in place of a digit, mapped to that digit. */
export const DIGIT_CONFUSIONS: Readonly<Record<string, string>> = Object.freeze({
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  '!': '1',
  L: '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
  z: '2',
  G: '6',
  b: '6',
});

/**
 * Replaces look-alike letters by digits in a field where every character must be a digit
 * (NIK, RT/RW, dates). Characters that are neither digits nor known confusions are kept,
 * so a caller can still tell that the field is not all digits.
 */
export function fixDigitConfusions(text: string): string {
  let out = '';
  for (const ch of text) out += DIGIT_CONFUSIONS[ch] ?? ch;
  return out;
}
