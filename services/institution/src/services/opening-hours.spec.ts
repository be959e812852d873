import { OpeningHours } from '@mediq/contracts';
import { isValidTimeZone, localClock, openingHoursProblems, openingState } from './opening-hours';

// 2026-11-23 is a Monday.
const WEEKDAYS_MORNING_AND_AFTERNOON: OpeningHours = {
  mon: [
    { open: '08:00', close: '12:00' },
    { open: '13:00', close: '16:00' },
  ],
  tue: [{ open: '08:00', close: '12:00' }],
  sat: [{ open: '08:00', close: '11:00' }],
};

describe('opening hours', () => {
  it('reads the local date, weekday and time in the institution timezone', () => {
    // 17:30 UTC on Monday is 00:30 Tuesday in Jakarta (UTC+7) and 02:30 Tuesday in Jayapura (UTC+9).
    expect(localClock(new Date('2026-11-23T17:30:00Z'), 'Asia/Jakarta')).toEqual({ date: '2026-11-24', weekday: 'tue', minutes: 30 });
    expect(localClock(new Date('2026-11-23T17:30:00Z'), 'Asia/Jayapura')).toEqual({ date: '2026-11-24', weekday: 'tue', minutes: 150 });
    expect(localClock(new Date('2026-11-23T15:59:00Z'), 'Asia/Jakarta')).toEqual({ date: '2026-11-23', weekday: 'mon', minutes: 22 * 60 + 59 });
  });

  it('is open inside a period and closed at its closing minute', () => {
    expect(openingState(WEEKDAYS_MORNING_AND_AFTERNOON, new Date('2026-11-23T01:00:00Z'), 'Asia/Jakarta', 'Poli Umum')).toEqual({
      open: true,
      localDate: '2026-11-23',
    });
    const atNoon = openingState(WEEKDAYS_MORNING_AND_AFTERNOON, new Date('2026-11-23T05:00:00Z'), 'Asia/Jakarta', 'Poli Umum');
    expect(atNoon).toMatchObject({ open: false, reason: 'Poli Umum is closed now; it opens today at 13:00' });
    expect(atNoon.nextOpening).toEqual({ localDate: '2026-11-23', weekday: 'mon', time: '13:00' });
  });

  it('explains a service that has not opened yet today', () => {
    const early = openingState(WEEKDAYS_MORNING_AND_AFTERNOON, new Date('2026-11-23T00:30:00Z'), 'Asia/Jakarta', 'Poli Gigi');
    expect(early).toMatchObject({ open: false, localDate: '2026-11-23', reason: 'Poli Gigi opens today at 08:00' });
  });

  it('names the closed weekday and the next opening day', () => {
    // Sunday 29 November 10:00 in Jakarta.
    const sunday = openingState(WEEKDAYS_MORNING_AND_AFTERNOON, new Date('2026-11-29T03:00:00Z'), 'Asia/Jakarta', 'Poli Gigi');
    expect(sunday).toEqual({
      open: false,
      localDate: '2026-11-29',
      reason: 'Poli Gigi is closed on Sunday; it opens Monday at 08:00',
      nextOpening: { localDate: '2026-11-30', weekday: 'mon', time: '08:00' },
    });
    // Tuesday after closing: next is Saturday.
    const tuesdayEvening = openingState(WEEKDAYS_MORNING_AND_AFTERNOON, new Date('2026-11-24T10:00:00Z'), 'Asia/Jakarta', 'KIA');
    expect(tuesdayEvening.nextOpening).toEqual({ localDate: '2026-11-28', weekday: 'sat', time: '08:00' });
  });

  it('finds the same weekday next week when it is the only open day', () => {
    const hours: OpeningHours = { mon: [{ open: '08:00', close: '09:00' }] };
    const state = openingState(hours, new Date('2026-11-23T03:00:00Z'), 'Asia/Jakarta', 'Apotek');
    expect(state.nextOpening).toEqual({ localDate: '2026-11-30', weekday: 'mon', time: '08:00' });
  });

  it('is always open with 00:00-24:00 every day, and never with no hours', () => {
    const allDay: OpeningHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]));
    expect(openingState(allDay, new Date('2026-11-23T16:59:00Z'), 'Asia/Jakarta', 'A').open).toBe(true);
    expect(openingState(allDay, new Date('2026-11-23T17:00:00Z'), 'Asia/Jakarta', 'A').open).toBe(true);
    expect(openingState({}, new Date('2026-11-23T03:00:00Z'), 'Asia/Jakarta', 'Lab')).toEqual({
      open: false,
      localDate: '2026-11-23',
      reason: 'Lab has no opening hours',
    });
  });

  it('reports invalid periods by field path', () => {
    expect(openingHoursProblems(WEEKDAYS_MORNING_AND_AFTERNOON)).toEqual({});
    expect(
      openingHoursProblems({
        mon: [{ open: '12:00', close: '08:00' }],
        tue: [
          { open: '08:00', close: '12:00' },
          { open: '11:00', close: '13:00' },
        ],
        wed: [{ open: '25:00', close: '26:00' }],
      }),
    ).toEqual({
      'openingHours.mon[0]': 'close (08:00) must be after open (12:00) on the same day',
      'openingHours.tue[1]': 'periods must be in order and must not overlap',
      'openingHours.wed[0]': 'open and close must be times HH:MM (close may be 24:00)',
    });
  });

  it('knows IANA timezones', () => {
    expect(isValidTimeZone('Asia/Makassar')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
