/**
 * Input rules shared by the gateway's DTOs and the services' own checks, so each is defined once.
 * Browser-safe: no Node APIs.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real day of the Gregorian calendar written YYYY-MM-DD (2026-02-28 yes; 2026-02-31 and 9999-99-99 no). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Characters refused in names and free text: control characters (Unicode Cc: NUL, ESC, newlines in
 * a name...) and format characters (Cf: bidi overrides such as U+202E that make a name read backwards
 * on a screen, invisible marks), except the zero-width joiner and non-joiner, which some scripts need.
 * `multiline` free text may carry line breaks and tabs.
 */
const UNSAFE_CHARACTER = /(?![\u200C\u200D])[\p{Cc}\p{Cf}]/u;
const UNSAFE_CHARACTER_EXCEPT_LINES = /(?![\u200C\u200D\n\r\t])[\p{Cc}\p{Cf}]/u;

export function hasUnsafeCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? UNSAFE_CHARACTER_EXCEPT_LINES : UNSAFE_CHARACTER).test(value);
}

/** Largest card image accepted, at the gateway (upload) and by the OCR services. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
