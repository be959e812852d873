import { RegionLookup } from '../regions/region-lookup';
import type { DecodedChar } from '../text-recognition/ctc-decoder';
import { combineReadings, decodeNikInRun, decodeNikJointly, nikDigitDistributions, UNCERTAIN_MARGIN, type DigitDistribution } from './nik-joint-decoder';

/** A NIK read clearly (each digit at `clear`), except where `doubts` gives a position's probabilities. */
function reading(nik: string, doubts: Record<number, Record<number, number>> = {}, clear = 0.98): DigitDistribution[] {
  return [...nik].map((digit, i) => {
    const p = new Array<number>(10).fill((1 - clear) / 9);
    p[Number(digit)] = clear;
    const doubt = doubts[i];
    if (!doubt) return p;
    const q = new Array<number>(10).fill(1e-4);
    for (const [d, probability] of Object.entries(doubt)) q[Number(d)] = probability;
    return q;
  });
}

// Garut, Tarogong Kidul (32 05 05); a woman born 1 November 1990: day 41, month 11.
const TRUE_NIK = '3205054111900001';
const CARD = { birthDate: '1990-11-01', gender: 'FEMALE' as const, provinsi: 'JAWA BARAT', kabupatenKota: 'KABUPATEN GARUT', kecamatan: 'TAROGONG KIDUL' };

describe('NIK joint decoding', () => {
  const regions = RegionLookup.load();

  it('keeps a clear reading that agrees with the card', () => {
    const decision = decodeNikJointly(reading(TRUE_NIK), CARD, regions);
    expect(decision.nik).toBe(TRUE_NIK);
    expect(decision.failedChecks).toEqual([]);
    expect(decision.margin).toBeGreaterThan(UNCERTAIN_MARGIN);
  });

  it('corrects a 1 read as 2 in the month when the printed birth date agrees with the 1', () => {
    // Month digit 2 (position 9) read as 2 at 0.6, the true 1 at 0.35.
    const decision = decodeNikJointly(reading(TRUE_NIK, { 9: { 2: 0.6, 1: 0.35 } }), CARD, regions);
    expect(decision.greedy).toBe('3205054112900001');
    expect(decision.nik).toBe(TRUE_NIK);
  });

  it('corrects a district code that does not exist or is not the printed kecamatan', () => {
    // 32 05 05 read as 32 05 95 (position 4: 9 at 0.55, 0 at 0.4).
    const decision = decodeNikJointly(reading(TRUE_NIK, { 4: { 9: 0.55, 0: 0.4 } }), CARD, regions);
    expect(decision.nik).toBe(TRUE_NIK);
    // The first digit 3 read as 1 (a province that exists, Aceh): the printed province decides.
    const province = decodeNikJointly(reading(TRUE_NIK, { 0: { 1: 0.6, 3: 0.3 } }), CARD, regions);
    expect(province.nik).toBe(TRUE_NIK);
  });

  it('reads a genuine card whose NIK date part disagrees with the printed birth date as printed', () => {
    // Placeholder 1 July 2000 (410700) in the NIK, printed 17-08-2000: the recogniser is clear, so it wins.
    const genuine = '3205054107000001';
    const decision = decodeNikJointly(reading(genuine, {}, 0.97), { ...CARD, birthDate: '2000-08-17' }, regions);
    expect(decision.nik).toBe(genuine);
    expect(decision.failedChecks).toEqual(['BIRTH_DATE_MISMATCH']);
  });

  it('keeps the reading and reports the failed check when no candidate satisfies the checks', () => {
    // Month 13 with no plausible alternative digit.
    const decision = decodeNikJointly(reading('3205054113900001', {}, 0.999), CARD, regions);
    expect(decision.nik).toBe('3205054113900001');
    expect(decision.failedChecks).toContain('DATE_INVALID');
  });

  it('is uncertain between two readings the card cannot tell apart', () => {
    // Serial digit 2 vs 3 at equal odds: nothing on the card checks the serial.
    const decision = decodeNikJointly(reading(TRUE_NIK, { 15: { 2: 0.5, 3: 0.48 } }), CARD, regions);
    expect(decision.margin).toBeLessThan(UNCERTAIN_MARGIN);
  });
});

describe('NIK line with extra digits', () => {
  const regions = RegionLookup.load();

  it('leaves out the extra digit at the end that makes the other sixteen agree with the card', () => {
    // A separator fragment before the NIK (`1`), and a stray digit after it (`7`).
    for (const line of ['1' + TRUE_NIK, TRUE_NIK + '7', '1' + TRUE_NIK + '7']) {
      const decision = decodeNikInRun(reading(line), CARD, regions);
      expect(decision.nik).toBe(TRUE_NIK);
      expect(decision.failedChecks).toEqual([]);
      expect(decision.droppedDigits).toBe(line.length - 16);
    }
  });

  it('decodes a 16-digit line as the joint decoder does, and refuses lines that cannot be a NIK', () => {
    expect(decodeNikInRun(reading(TRUE_NIK), CARD, regions)).toEqual({ ...decodeNikJointly(reading(TRUE_NIK), CARD, regions), droppedDigits: 0 });
    expect(() => decodeNikInRun(reading('1234' + TRUE_NIK), CARD, regions)).toThrow();
  });
});

describe('NIK digit distributions', () => {
  const char = (c: string, alternatives: [string, number][]): DecodedChar => ({
    char: c,
    confidence: alternatives[0][1],
    start: 0,
    end: 0,
    position: 0,
    spaceBefore: 0,
    alternatives: alternatives.map(([a, probability]) => ({ char: a, probability })),
  });

  it('takes the longest digit run, mapping look-alike letters onto digits', () => {
    const chars = [char('N', [['N', 0.9]]), char('K', [['K', 0.9]]), char(':', [[':', 0.9]]), ...[...'320505411190000'].map((d) => char(d, [[d, 0.9]])), char('l', [['l', 0.5], ['2', 0.3], ['I', 0.1]])];
    const distributions = nikDigitDistributions(chars);
    expect(distributions).toHaveLength(16);
    expect(distributions[15][1]).toBeCloseTo(0.6 / 0.901, 2);
    expect(distributions[15][2]).toBeCloseTo(0.3 / 0.901, 2);
  });

  it('combines two readings digit by digit, leaving out one that cannot be aligned', () => {
    const first = reading(TRUE_NIK, { 9: { 2: 0.6, 1: 0.4 } });
    const second = reading(TRUE_NIK, { 9: { 2: 0.2, 1: 0.8 } });
    const combined = combineReadings(first, second)!;
    expect(combined[9][1]).toBeCloseTo(0.6, 2);
    expect(combineReadings(first, second.slice(1))).toEqual(first);
    expect(combineReadings(first.slice(1), null)).toBeNull();
    // A 16-digit reading wins over one with an extra digit; two 17-digit readings are combined.
    const longer = reading('1' + TRUE_NIK);
    expect(combineReadings(longer, first)).toEqual(first);
    expect(combineReadings(longer, longer)).toEqual(longer);
    expect(combineReadings(reading('123' + TRUE_NIK), null)).toBeNull();
  });
});
