import { validateNik } from './validate-nik';

describe('validateNik', () => {
  const today = new Date('2026-01-01T00:00:00Z');

  it('parses a valid male NIK into region, date, gender and serial', () => {
    const result = validateNik('3201011708900001', { today });
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.parsed).toEqual({
      provinceCode: '32',
      regencyCode: '3201',
      districtCode: '320101',
      birthDate: '1990-08-17',
      gender: 'MALE',
      serial: '0001',
    });
  });

  it('reads a day above 40 as a woman born on day - 40', () => {
    const result = validateNik('3174054505050123', { today });
    expect(result.valid).toBe(true);
    expect(result.parsed?.gender).toBe('FEMALE');
    expect(result.parsed?.birthDate).toBe('2005-05-05');
  });

  it.each([
    ['too short', '320101170890001'],
    ['too long', '32010117089000011'],
    ['letters', '32010117O8900001'],
    ['spaces', '3201 0117 0890 0001'],
    ['empty', ''],
  ])('refuses a NIK that is not 16 digits (%s)', (_label, nik) => {
    const result = validateNik(nik, { today });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.rule)).toEqual(['NIK_FORMAT']);
    expect(result.parsed).toBeNull();
  });

  it.each([
    ['province 10', '1001011708900001'],
    ['province 20', '2001011708900001'],
    ['province 99', '9901011708900001'],
  ])('refuses an unknown province code (%s)', (_label, nik) => {
    const result = validateNik(nik, { today });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.rule)).toEqual(['NIK_PROVINCE_UNKNOWN']);
  });

  it('accepts the new Papua province codes', () => {
    expect(validateNik('9601011708900001', { today }).valid).toBe(true);
  });

  it.each([
    ['day 00', '3201010008900001'],
    ['day 32', '3201013208900001'],
    ['day 40', '3201014008900001'],
    ['day 72', '3201017208900001'],
    ['month 00', '3201011700900001'],
    ['month 13', '3201011713900001'],
    ['31 April', '3201013104900001'],
    ['29 Feb in a non-leap year', '3201012902900001'],
    ['69 Feb for a woman (29 Feb, non-leap)', '3201016902900001'],
  ])('refuses an impossible date part (%s)', (_label, nik) => {
    const result = validateNik(nik, { today });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.rule)).toEqual(['NIK_DATE_INVALID']);
    expect(result.parsed?.birthDate).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(validateNik('3201012902920001', { today }).parsed?.birthDate).toBe('1992-02-29');
  });

  it('warns, but stays valid, when the NIK date differs from the printed birth date', () => {
    // Placeholder 01-07 in the NIK, real date printed on the card (see DOMAIN.md).
    const result = validateNik('3201014107000001', { birthDate: '2000-08-17', gender: 'FEMALE', today });
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.rule)).toEqual(['NIK_BIRTH_DATE_MISMATCH']);
    expect(result.parsed?.birthDate).toBe('2000-07-01');
  });

  it('warns, but stays valid, when the printed gender differs from the NIK', () => {
    const result = validateNik('3201011708900001', { birthDate: '1990-08-17', gender: 'FEMALE', today });
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.rule)).toEqual(['NIK_GENDER_MISMATCH']);
  });

  it('has no warnings when NIK and card agree', () => {
    const result = validateNik('3201015708900001', { birthDate: '1990-08-17', gender: 'FEMALE', today });
    expect(result.warnings).toEqual([]);
  });

  it('resolves the century from the printed birth date, else to the latest past year', () => {
    expect(validateNik('3201011708200001', { today }).parsed?.birthDate).toBe('2020-08-17');
    expect(validateNik('3201011708300001', { today }).parsed?.birthDate).toBe('1930-08-17');
    expect(validateNik('3201011708200001', { birthDate: '1920-08-17', today }).parsed?.birthDate).toBe(
      '1920-08-17',
    );
  });

  it('reports every hard error with a readable message', () => {
    const result = validateNik('9901019999900001', { today });
    expect(result.errors.map((e) => e.rule)).toEqual(['NIK_PROVINCE_UNKNOWN', 'NIK_DATE_INVALID']);
    for (const e of result.errors) expect(e.message.length).toBeGreaterThan(10);
  });
});
