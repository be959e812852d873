import { OpeningHours, Weekday, WEEKDAYS } from '@mediq/contracts';

/**
 * Opening hours are local periods per weekday in the institution's timezone ("08:00"-"12:00",
 * close "24:00" = midnight). A period never crosses midnight: a night shift is two periods on two
 * days. Open means open <= local time < close.
 */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CLOSING_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Problems with a set of opening hours, keyed by field path ("openingHours.mon[1]"); empty when valid. */
export function openingHoursProblems(hours: OpeningHours, field = 'openingHours'): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const periods = hours[day] ?? [];
    let previousClose = -1;
    periods.forEach((period, index) => {
      const path = `${field}.${day}[${index}]`;
      if (!TIME_OF_DAY.test(period.open) || !CLOSING_TIME.test(period.close)) {
        problems[path] = 'open and close must be times HH:MM (close may be 24:00)';
        return;
      }
      const open = minutesOf(period.open);
      const close = minutesOf(period.close);
      if (close <= open) problems[path] = `close (${period.close}) must be after open (${period.open}) on the same day`;
      else if (open < previousClose) problems[path] = 'periods must be in order and must not overlap';
      previousClose = Math.max(previousClose, close);
    });
  }
  return problems;
}

export interface LocalClock {
  date: string;
  weekday: Weekday;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date, weekday and minute of the day at an instant in a timezone. */
export function localClock(at: Date, timeZone: string): LocalClock {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday.toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function weekdayAfter(weekday: Weekday, days: number): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(weekday) + days) % 7];
}

export interface OpeningState {
  open: boolean;
  localDate: string;
  reason?: string;
  nextOpening?: { localDate: string; weekday: Weekday; time: string };
}

/** Whether a service with these hours is open at an instant, and if not, why and when it opens next. */
export function openingState(hours: OpeningHours, at: Date, timeZone: string, serviceName: string): OpeningState {
  const now = localClock(at, timeZone);
  const today = hours[now.weekday] ?? [];
  if (today.some((period) => minutesOf(period.open) <= now.minutes && now.minutes < minutesOf(period.close))) {
    return { open: true, localDate: now.date };
  }
  const next = nextOpening(hours, now);
  if (!next) return { open: false, localDate: now.date, reason: `${serviceName} has no opening hours` };
  const when = next.localDate === now.date ? `today at ${next.time}` : `${WEEKDAY_NAMES[next.weekday]} at ${next.time}`;
  let reason: string;
  if (today.length === 0) reason = `${serviceName} is closed on ${WEEKDAY_NAMES[now.weekday]}; it opens ${when}`;
  else if (now.minutes < minutesOf(today[0].open)) reason = `${serviceName} opens ${when}`;
  else reason = `${serviceName} is closed now; it opens ${when}`;
  return { open: false, localDate: now.date, reason, nextOpening: next };
}

function nextOpening(hours: OpeningHours, now: LocalClock): OpeningState['nextOpening'] {
  for (let offset = 0; offset <= 7; offset++) {
    const weekday = weekdayAfter(now.weekday, offset);
    const period = (hours[weekday] ?? []).find((candidate) => offset > 0 || minutesOf(candidate.open) > now.minutes);
    if (period) return { localDate: addDays(now.date, offset), weekday, time: period.open };
  }
  return undefined;
}
