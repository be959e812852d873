import { assertLocalDate, localDateIn, localHourIn } from './local-time';

describe('local time', () => {
  it('gives the institution-local day, which differs from UTC around midnight', () => {
    const lateUtc = new Date('2026-11-25T18:30:00Z'); // 01:30 the next day in Jakarta (UTC+7)
    expect(localDateIn('Asia/Jakarta', lateUtc)).toBe('2026-11-26');
    expect(localDateIn('UTC', lateUtc)).toBe('2026-11-25');
    expect(localDateIn('Asia/Jayapura', new Date('2026-11-25T14:59:00Z'))).toBe('2026-11-25');
    expect(localDateIn('Asia/Jayapura', new Date('2026-11-25T15:00:00Z'))).toBe('2026-11-26');
  });

  it('gives the local hour with two digits', () => {
    expect(localHourIn('Asia/Jakarta', new Date('2026-11-25T01:05:00Z'))).toBe('08');
    expect(localHourIn('Asia/Makassar', new Date('2026-11-25T16:00:00Z'))).toBe('00');
  });
});

describe('assertLocalDate', () => {
  it('takes real calendar days only', () => {
    expect(() => assertLocalDate('2028-02-29')).not.toThrow();
    expect(() => assertLocalDate(undefined)).not.toThrow();
    for (const bad of ['2026-02-31', '9999-99-99', '2026-2-3', '']) expect(() => assertLocalDate(bad)).toThrow('date must be a real day');
  });
});
