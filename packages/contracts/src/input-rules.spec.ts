import { hasUnsafeCharacters, isCalendarDate } from './input-rules';

describe('isCalendarDate', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '1900-01-01'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['9999-99-99', '2026-02-31', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '0000-01-01', '2026-1-01', '2026-01-01T00:00', '', 20260101])(
    'refuses %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});

describe('hasUnsafeCharacters', () => {
  it.each(['SITI NURJANAH', "Ni Luk'Ayu", 'Dr. RIYANTO, SE', 'محمد', 'क्‍ष' /* ZWJ */, 'می‌خواهم' /* ZWNJ */])('lets %s through', (value) => {
    expect(hasUnsafeCharacters(value)).toBe(false);
  });

  it.each([
    ['a right-to-left override', 'SITI\u202EHANAJRUN'],
    ['a left-to-right isolate', 'A\u2066B'],
    ['a NUL', 'A\u0000B'],
    ['an escape', 'A\u001b[31mB'],
    ['a zero-width space', 'A\u200BB'],
    ['a byte-order mark', '\uFEFFSITI'],
    ['a newline in a name', 'SITI\nNURJANAH'],
  ])('finds %s', (_label, value) => {
    expect(hasUnsafeCharacters(value)).toBe(true);
  });

  it('lets line breaks and tabs through in multi-line free text, but not overrides', () => {
    expect(hasUnsafeCharacters('line one\r\nline\ttwo', { multiline: true })).toBe(false);
    expect(hasUnsafeCharacters('line one\n\u202Etwo', { multiline: true })).toBe(true);
  });
});
