import { fixDigitConfusions } from '@mediq/contracts';
import type { RawKtpFields } from '../ktp-parser/ktp-parser';
import type { NikRegion } from '../regions/region-lookup';
import type { FieldReading, KtpFieldKey, KtpFields, OcrWarning } from '../result';
import {
  BLOOD_TYPES,
  CITIZENSHIPS,
  GENDERS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  VALID_FOR_LIFE,
} from './ktp-vocabularies';
import { snapToVocabulary } from './text-similarity';

export interface NormalisedKtp {
  fields: KtpFields;
  warnings: OcrWarning[];
}

const PRINTED_DATE = /(\d{1,2})\s*[-./ ]?\s*(\d{1,2})\s*[-./ ]?\s*(\d{4})/;
/** Characters OCR may return inside a printed date, before digit fix-up. */
const DATE_CHARS = /[0-9OoIlLSsBZzGDQ|!\-./ ]{8,}/;

/** `DD-MM-YYYY` (separators possibly lost or misread) to ISO `YYYY-MM-DD`, or null. */
export function printedDateToIso(text: string): string | null {
  const digits = fixDigitConfusions(text);
  const separated = PRINTED_DATE.exec(digits);
  let day: number, month: number, year: number;
  if (separated) {
    [day, month, year] = [Number(separated[1]), Number(separated[2]), Number(separated[3])];
  } else {
    const bare = digits.replace(/\D/g, '');
    if (bare.length !== 8) return null;
    [day, month, year] = [Number(bare.slice(0, 2)), Number(bare.slice(2, 4)), Number(bare.slice(4))];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Digits of a NIK with OCR look-alikes fixed; separators dropped. */
export function normaliseNik(text: string): string {
  return fixDigitConfusions(text.replace(/\s/g, '')).replace(/[^0-9A-Za-z]/g, '');
}

/** `001/002`: look-alikes fixed; a slash read as `7`, `1` or lost is restored when 6 or 7 digits remain. */
export function normaliseRtRw(text: string): string {
  const fixed = fixDigitConfusions(text.replace(/\s/g, ''));
  const split = /^(\d{1,3})[/\\|](\d{1,3})$/.exec(fixed);
  if (split) return `${split[1].padStart(3, '0')}/${split[2].padStart(3, '0')}`;
  const digits = fixed.replace(/\D/g, '');
  if (digits.length === 6) return `${digits.slice(0, 3)}/${digits.slice(3)}`;
  if (digits.length === 7) return `${digits.slice(0, 3)}/${digits.slice(4)}`;
  return fixed;
}

/**
 * Blood type from the start of the value (security print may follow it): `A`, `B`, `AB`, `O` (read
 * as `0` too), optionally with rhesus, or `-` when none is recorded. Null when none of these.
 */
export function normaliseBloodType(text: string): string | null {
  const m = /^\s*(AB|A|B|O|0)\s*([+-](?![A-Z]))?|^\s*[-–—_]/i.exec(text.toUpperCase());
  if (!m) return null;
  if (!m[1]) return '-';
  const value = `${m[1].replace('0', 'O')}${m[2] ?? ''}`;
  return (BLOOD_TYPES as readonly string[]).includes(value) ? value : m[1].replace('0', 'O');
}

function snapped(reading: FieldReading, vocabulary: readonly string[], maxErrorRate = 0.3): FieldReading {
  const match = snapToVocabulary(reading.value, vocabulary, maxErrorRate);
  return match ? { value: match.value, confidence: reading.confidence } : reading;
}

/**
 * Ways an official region name is printed on cards: `KOTA ADMINISTRASI JAKARTA SELATAN` as
 * `JAKARTA SELATAN`, `DAERAH ISTIMEWA` as `DI`. The last one is the usual printed form.
 */
export function printedRegionVariants(official: string): string[] {
  const variants = new Set([official]);
  const withoutAdministrative = official.replace(/^(KOTA|KABUPATEN) ADMINISTRASI /, '');
  variants.add(withoutAdministrative);
  variants.add(official.replace(' ADMINISTRASI', ''));
  if (official.startsWith('DAERAH ISTIMEWA ')) variants.add(official.replace('DAERAH ISTIMEWA ', 'DI '));
  return [...variants];
}

/**
 * Normalises the raw fields: dates to ISO, closed vocabularies snapped, digit look-alikes fixed in
 * NIK, RT/RW and dates, region names checked against the NIK's region code (corrected when close,
 * warned about when not).
 */
export function normaliseKtpFields(raw: RawKtpFields, region: NikRegion | null): NormalisedKtp {
  const fields: KtpFields = {};
  const warnings: OcrWarning[] = [];
  /** Stores a field; `value` overrides the reading's text, and null means the text was not a valid value. */
  const put = (key: KtpFieldKey, reading: FieldReading | undefined, value?: string | null) => {
    const text = value === undefined ? reading?.value : value;
    if (reading && text) fields[key] = { value: text, confidence: reading.confidence };
  };

  if (raw.nik) put('nik', raw.nik, normaliseNik(raw.nik.value));
  put('nama', raw.nama, raw.nama?.value.replace(/^[^A-Za-z]+/, ''));

  if (raw.tempatTanggalLahir) {
    const text = raw.tempatTanggalLahir.value;
    const dateMatch = [...text.matchAll(new RegExp(DATE_CHARS, 'g'))]
      .map((m) => ({ index: m.index ?? 0, iso: printedDateToIso(m[0]) }))
      .find((m) => m.iso);
    const place = (dateMatch ? text.slice(0, dateMatch.index) : text).replace(/[\s,.]+$/, '');
    put('tempatLahir', raw.tempatTanggalLahir, place);
    if (dateMatch) put('tanggalLahir', raw.tempatTanggalLahir, dateMatch.iso);
  }
  if (raw.jenisKelamin) put('jenisKelamin', snapped(raw.jenisKelamin, GENDERS, 0.4));
  if (raw.golonganDarah) put('golonganDarah', raw.golonganDarah, normaliseBloodType(raw.golonganDarah.value));
  put('alamat', raw.alamat);
  if (raw.rtRw) put('rtRw', raw.rtRw, normaliseRtRw(raw.rtRw.value));
  put('kelurahanDesa', raw.kelurahanDesa);
  put('kecamatan', raw.kecamatan);
  if (raw.agama) put('agama', snapped(raw.agama, RELIGIONS));
  if (raw.statusPerkawinan) put('statusPerkawinan', snapped(raw.statusPerkawinan, MARITAL_STATUSES));
  if (raw.pekerjaan) put('pekerjaan', snapped(raw.pekerjaan, OCCUPATIONS, 0.25));
  if (raw.kewarganegaraan) put('kewarganegaraan', snapped(raw.kewarganegaraan, CITIZENSHIPS, 0.34));
  if (raw.berlakuHingga) {
    const forLife = snapToVocabulary(raw.berlakuHingga.value, [VALID_FOR_LIFE], 0.3);
    put('berlakuHingga', raw.berlakuHingga, forLife ? VALID_FOR_LIFE : printedDateToIso(raw.berlakuHingga.value) ?? raw.berlakuHingga.value);
  }
  put('provinsi', raw.provinsi);
  put('kabupatenKota', raw.kabupatenKota);

  if (region) applyRegion(fields, region, warnings);
  return { fields, warnings };
}

function applyRegion(fields: KtpFields, region: NikRegion, warnings: OcrWarning[]): void {
  const check = (key: KtpFieldKey, official: string | null, label: string) => {
    const reading = fields[key];
    if (!official) {
      warnings.push({ code: 'REGION_UNKNOWN', field: key, message: `The NIK's ${label} code is not in the current region list (possibly from before a regional split).` });
      return;
    }
    if (!reading) {
      const variants = printedRegionVariants(official);
      fields[key] = { value: variants[variants.length - 1], confidence: 0 };
      warnings.push({ code: 'REGION_CORRECTED', field: key, message: `The ${label} was unreadable and was filled in from the NIK's region code.` });
      return;
    }
    const match = snapToVocabulary(reading.value, printedRegionVariants(official), 0.35);
    if (match) fields[key] = { value: match.value, confidence: reading.confidence };
    else warnings.push({ code: 'REGION_MISMATCH', field: key, message: `The printed ${label} does not match the NIK's region code; please check it.` });
  };
  check('provinsi', region.province, 'province');
  check('kabupatenKota', region.regency, 'regency/city');
  check('kecamatan', region.district, 'district');
  const village = fields.kelurahanDesa;
  const match = village && snapToVocabulary(village.value, region.villages, 0.3);
  if (village && match) fields.kelurahanDesa = { value: match.value, confidence: village.confidence };
}
