import type { OpeningHours, ServiceView, Weekday } from '@mediq/contracts';

/** A random UUID v4; works outside secure contexts too (crypto.randomUUID does not). */
export function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const WEEKDAY_BY_SHORT: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** Weekday and "HH:MM" at `at` in `timeZone`. */
export function localClock(timeZone: string, at = new Date()): { weekday: Weekday; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: WEEKDAY_BY_SHORT[part('weekday')], time: `${part('hour')}:${part('minute')}` };
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function localDate(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Whether an active service takes patients now by its opening hours (the queue checks again on issue). */
export function isOpenNow(service: ServiceView, timeZone: string, at = new Date()): boolean {
  if (!service.active) return false;
  const { weekday, time } = localClock(timeZone, at);
  return (service.openingHours[weekday] ?? []).some((period) => period.open <= time && time < period.close);
}

/** "08:00-12:00, 13:00-16:00" for a weekday's periods, and back. */
export function formatPeriods(hours: OpeningHours, day: Weekday): string {
  return (hours[day] ?? []).map((p) => `${p.open}-${p.close}`).join(', ');
}

export function parsePeriods(text: string): Array<{ open: string; close: string }> | null {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const periods = trimmed.split(',').map((chunk) => /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(chunk));
  if (periods.some((m) => !m)) return null;
  return periods.map((m) => ({ open: m![1], close: m![2] }));
}

export function minutesSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
}

/** A NIK as people compare it with the card: `3171 0144 0485 0007`. */
export function nikInGroups(nik: string): string {
  return nik.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}
