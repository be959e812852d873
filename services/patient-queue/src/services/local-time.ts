import { DomainError } from '@mediq/common';
import { isCalendarDate } from '@mediq/contracts';

/** Building an Intl.DateTimeFormat costs far more than formatting with one: one per timezone and shape, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'hour', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}:${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format =
      kind === 'date'
        ? // en-CA formats as YYYY-MM-DD.
          new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    formatters.set(key, format);
  }
  return format;
}

/** Calendar helpers in an institution's timezone (IANA name, e.g. Asia/Jakarta). */
export function localDateIn(timezone: string, at: Date = new Date()): string {
  return formatter('date', timezone).format(at);
}

/** The local hour "00".."23". */
export function localHourIn(timezone: string, at: Date): string {
  return formatter('hour', timezone).format(at).padStart(2, '0');
}

/** A requested day must be written YYYY-MM-DD (400 naming the field otherwise). */
export function assertLocalDate(date: string | undefined): void {
  if (date !== undefined && !isCalendarDate(date)) throw DomainError.validation('date must be a real day written YYYY-MM-DD', { date: 'YYYY-MM-DD' });
}
