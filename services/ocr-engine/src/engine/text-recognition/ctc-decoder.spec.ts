import { ctcGreedyDecode, restoreWordSpaces, type DecodedChar } from './ctc-decoder';
import { expectedPitch } from './glyph-widths';

/** Probabilities with class `best[t]` at 0.9 per step. */
function oneHot(best: number[], classes: number): Float32Array {
  const probabilities = new Float32Array(best.length * classes).fill(0.1 / (classes - 1));
  best.forEach((k, t) => (probabilities[t * classes + k] = 0.9));
  return probabilities;
}

/** Characters placed as a proportional font would place them, with `spaceAfter` indexes followed by a space. */
function laidOut(text: string, spaceAfter: number[], scale = 0.006, spaceWidths = 1): DecodedChar[] {
  const chars: DecodedChar[] = [];
  let position = 2;
  for (let i = 0; i < text.length; i++) {
    if (i > 0) position += expectedPitch(text[i - 1], text[i]) * scale + (spaceAfter.includes(i - 1) ? spaceWidths * 278 * scale : 0);
    chars.push({ char: text[i], confidence: 0.95, start: Math.round(position), end: Math.round(position), position, spaceBefore: 0, alternatives: [] });
  }
  return chars;
}

describe('ctcGreedyDecode', () => {
  const dictionary = ['A', 'B', 'C'];

  it('merges repeats, drops blanks and keeps positions', () => {
    const chars = ctcGreedyDecode(oneHot([0, 1, 1, 0, 1, 2, 0, 3], 4), 8, 4, dictionary);
    expect(chars.map((c) => c.char).join('')).toBe('AABC');
    expect(chars.map((c) => [c.start, c.end])).toEqual([[1, 2], [4, 4], [5, 5], [7, 7]]);
    expect(chars[0].position).toBeCloseTo(1.5, 1);
    expect(chars[0].confidence).toBeCloseTo(0.9);
  });

  it('keeps the candidates of each character at its most confident step, best first', () => {
    const probabilities = oneHot([1, 0, 2, 2], 4);
    probabilities[2 * 4 + 3] = 0.08;
    probabilities[3 * 4 + 2] = 0.95;
    probabilities[3 * 4 + 3] = 0.04;
    const chars = ctcGreedyDecode(probabilities, 4, 4, dictionary);
    expect(chars.map((c) => c.char).join('')).toBe('AB');
    expect(chars[1].confidence).toBeCloseTo(0.95);
    expect(chars[1].alternatives.map((a) => a.char)).toEqual(['B', 'C', 'A']);
    expect(chars[1].alternatives[1].probability).toBeCloseTo(0.04);
  });

  it('records the space probability between characters', () => {
    const spaced = [...dictionary, ' '];
    const probabilities = oneHot([1, 0, 0, 2], 5);
    probabilities[1 * 5 + 4] = 0.3;
    const chars = ctcGreedyDecode(probabilities, 4, 5, spaced);
    expect(chars.map((c) => c.char).join('')).toBe('AB');
    expect(chars[1].spaceBefore).toBeCloseTo(0.3);
  });
});

describe('restoreWordSpaces', () => {
  it('puts spaces back where the gap exceeds what the glyph widths predict by more than a space', () => {
    expect(restoreWordSpaces(laidOut('AGUSSETIAWAN', [3], 0.006, 1.5)).text).toBe('AGUS SETIAWAN');
    expect(restoreWordSpaces(laidOut('KARYAWANSWASTA', [7], 0.006, 1.5)).text).toBe('KARYAWAN SWASTA');
  });

  it("needs the model's evidence as well for a gap of one space, which CTC positions cannot tell from a wide letter pair", () => {
    const chars = laidOut('AGUSSETIAWAN', [3]);
    expect(restoreWordSpaces(chars).text).toBe('AGUSSETIAWAN');
    chars[4].spaceBefore = 0.06;
    expect(restoreWordSpaces(chars).text).toBe('AGUS SETIAWAN');
  });

  it('needs more than a space-wide gap next to a narrow letter, whose position is less certain', () => {
    expect(restoreWordSpaces(laidOut('SITINURJANAH', [3])).text).toBe('SITINURJANAH');
    const chars = laidOut('SITINURJANAH', [3]);
    chars[4].spaceBefore = 0.05;
    expect(restoreWordSpaces(chars).text).toBe('SITI NURJANAH');
  });

  it('does not split words set in wide and narrow letters', () => {
    expect(restoreWordSpaces(laidOut('WILLIAMMILLI', [])).text).toBe('WILLIAMMILLI');
  });

  it('restores the space after an abbreviation stop', () => {
    expect(restoreWordSpaces(laidOut('JL.MERDEKA', [2])).text).toBe('JL. MERDEKA');
  });

  it('inserts a space where the model gave the space class a clear probability', () => {
    const chars = laidOut('BADAU', []);
    expect(restoreWordSpaces(chars).text).toBe('BADAU');
    chars[3].spaceBefore = 0.3;
    expect(restoreWordSpaces(chars).text).toBe('BAD AU');
  });

  it('keeps spaces the model emitted and reports the mean confidence', () => {
    const chars = laidOut('AB CD', []);
    const line = restoreWordSpaces(chars);
    expect(line.text).toBe('AB CD');
    expect(line.confidence).toBeCloseTo(0.95);
  });
});
