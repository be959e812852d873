import { PROVINCE_CODES } from './province-codes';

export type NikGender = 'MALE' | 'FEMALE';

/** Stable rule codes: hard errors make the NIK invalid, warnings only ask a person to check. */
export type NikErrorRule = 'NIK_FORMAT' | 'NIK_PROVINCE_UNKNOWN' | 'NIK_DATE_INVALID';
export type NikWarningRule = 'NIK_BIRTH_DATE_MISMATCH' | 'NIK_GENDER_MISMATCH';

export interface NikIssue<R extends string> {
  rule: R;
  message: string;
}

export interface ParsedNik {
  provinceCode: string;
  /** Four digits: province + regency/city, e.g. `3201`. */
  regencyCode: string;
  /** Six digits: province + regency/city + district, e.g. `320101`. */
  districtCode: string;
  /** ISO `YYYY-MM-DD`, or null when the date part is impossible. */
  birthDate: string | null;
  gender: NikGender;
  serial: string;
}

export interface NikValidation {
  valid: boolean;
  errors: NikIssue<NikErrorRule>[];
  warnings: NikIssue<NikWarningRule>[];
  /** Null only when the input is not 16 digits. */
  parsed: ParsedNik | null;
}

export interface NikCheckOptions {
  /** Printed date of birth as ISO `YYYY-MM-DD`; also resolves the century of the NIK's `YY`. */
  birthDate?: string;
  gender?: NikGender;
  /** Reference day used to resolve the century when no birth date is given (default: now). */
  today?: Date;
}

const NIK_PATTERN = /^\d{16}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Century for a two-digit year: taken from the printed birth date when it has the same YY, else the latest year not in the future. */
function resolveYear(yy: number, options: NikCheckOptions): number {
  const printed = options.birthDate ? ISO_DATE.exec(options.birthDate) : null;
  if (printed && Number(printed[1]) % 100 === yy) return Number(printed[1]);
  const currentYear = (options.today ?? new Date()).getUTCFullYear();
  const candidate = Math.floor(currentYear / 100) * 100 + yy;
  return candidate > currentYear ? candidate - 100 : candidate;
}

/**
 * Validates a NIK (Nomor Induk Kependudukan, `PP KK CC DDMMYY SSSS`).
 *
 * Hard errors: not 16 digits, unknown province code, impossible date part
 * (day 01-31 for men or 41-71 for women, month 01-12, real calendar date).
 * A date part or gender that disagrees with the printed card is only a warning:
 * on real cards the NIK keeps the date first registered while the printed date may be corrected.
 */
export function validateNik(nik: string, options: NikCheckOptions = {}): NikValidation {
  const errors: NikIssue<NikErrorRule>[] = [];
  const warnings: NikIssue<NikWarningRule>[] = [];

  if (!NIK_PATTERN.test(nik)) {
    errors.push({ rule: 'NIK_FORMAT', message: 'NIK must be exactly 16 digits.' });
    return { valid: false, errors, warnings, parsed: null };
  }

  const provinceCode = nik.slice(0, 2);
  if (!(provinceCode in PROVINCE_CODES)) {
    errors.push({
      rule: 'NIK_PROVINCE_UNKNOWN',
      message: `NIK starts with ${provinceCode}, which is not a province code.`,
    });
  }

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const gender: NikGender = rawDay > 40 ? 'FEMALE' : 'MALE';
  const day = gender === 'FEMALE' ? rawDay - 40 : rawDay;
  const year = resolveYear(yy, options);

  let birthDate: string | null = null;
  if (rawDay === 0 || (rawDay > 31 && rawDay < 41) || rawDay > 71 || !isRealDate(year, month, day)) {
    errors.push({
      rule: 'NIK_DATE_INVALID',
      message:
        'The date part of the NIK (digits 7-12) is not a real date: the day must be 01-31 (41-71 for women) and the month 01-12.',
    });
  } else {
    birthDate = `${year}-${pad2(month)}-${pad2(day)}`;
  }

  if (birthDate && options.birthDate && options.birthDate !== birthDate) {
    warnings.push({
      rule: 'NIK_BIRTH_DATE_MISMATCH',
      message: 'The date of birth in the NIK differs from the printed date of birth; please check both.',
    });
  }
  if (birthDate && options.gender && options.gender !== gender) {
    warnings.push({
      rule: 'NIK_GENDER_MISMATCH',
      message: 'The gender encoded in the NIK differs from the printed gender; please check both.',
    });
  }

  return {
    valid: errors.length === 0,
    errors,
    warnings,
    parsed: {
      provinceCode,
      regencyCode: nik.slice(0, 4),
      districtCode: nik.slice(0, 6),
      birthDate,
      gender,
      serial: nik.slice(12, 16),
    },
  };
}
