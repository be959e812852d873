import { DomainError } from '@mediq/common';
import { isCalendarDate } from '@mediq/contracts';

/** Calendar helpers in an institution's timezone (IANA name, e.g. Asia/Jakarta). */
export function localDateIn(timezone: string, at: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The local hour "00".."23". */
export function localHourIn(timezone: string, at: Date): string {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(at);
  return hour.padStart(2, '0');
}


/** A requested day must be written YYYY-MM-DD (400 naming the field otherwise). */
export function assertLocalDate(date: string | undefined): void {
  if (date !== undefined && !isCalendarDate(date)) throw DomainError.validation('date must be a real day written YYYY-MM-DD', { date: 'YYYY-MM-DD' });
}
