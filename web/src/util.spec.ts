import type { ServiceView } from '@mediq/contracts';
import { isOpenNow, localDate, nikInGroups, parsePeriods, uuid } from './util';

const service = (openingHours: ServiceView['openingHours'], active = true) => ({ active, openingHours }) as ServiceView;

describe('isOpenNow', () => {
  // Wednesday 2026-11-25 02:30 UTC is 09:30 in Jakarta (UTC+7).
  const at = new Date('2026-11-25T02:30:00Z');

  it('reads the opening hours in the institution timezone', () => {
    expect(isOpenNow(service({ wed: [{ open: '08:00', close: '12:00' }] }), 'Asia/Jakarta', at)).toBe(true);
    expect(isOpenNow(service({ wed: [{ open: '08:00', close: '12:00' }] }), 'UTC', at)).toBe(false);
  });

  it('is closed on a day without periods, at the closing minute, and when inactive', () => {
    expect(isOpenNow(service({ tue: [{ open: '00:00', close: '24:00' }] }), 'Asia/Jakarta', at)).toBe(false);
    expect(isOpenNow(service({ wed: [{ open: '08:00', close: '09:30' }] }), 'Asia/Jakarta', at)).toBe(false);
    expect(isOpenNow(service({ wed: [{ open: '00:00', close: '24:00' }] }, false), 'Asia/Jakarta', at)).toBe(false);
  });
});

describe('parsePeriods', () => {
  it('reads comma-separated periods, empty as closed, and refuses anything else', () => {
    expect(parsePeriods('08:00-12:00, 13:00 - 16:00')).toEqual([
      { open: '08:00', close: '12:00' },
      { open: '13:00', close: '16:00' },
    ]);
    expect(parsePeriods('  ')).toEqual([]);
    expect(parsePeriods('8-12')).toBeNull();
  });
});

describe('localDate and uuid', () => {
  it('gives the institution-local date', () => {
    expect(localDate('Asia/Jayapura', new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
  });

  it('makes version 4 UUIDs', () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid()).not.toBe(uuid());
  });
});

describe('nikInGroups', () => {
  it('spaces a NIK in groups of four digits', () => {
    expect(nikInGroups('3171014404850007')).toBe('3171 0144 0485 0007');
    expect(nikInGroups('31710144')).toBe('3171 0144');
  });
});
