import { fixDigitConfusions } from '@mediq/contracts';
import type { RawKtpFields } from '../ktp-parser/ktp-parser';
import type { FieldReading, KtpFieldKey, KtpFields } from '../result';
import {
  BLOOD_TYPES,
  CITIZENSHIPS,
  GENDERS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  VALID_FOR_LIFE,
} from './ktp-vocabularies';
import { separateGluedValues } from './glued-values';
import { restoreAddressAbbreviations, stripSeparatorResidue } from './separator-residue';
import { snapToVocabulary } from './text-similarity';

const PRINTED_DATE = /(\d{1,2})\s*[-./ ]?\s*(\d{1,2})\s*[-./ ]?\s*(\d{4})/;
/**
 * The end of the `Tempat/Tgl Lahir` label glued to its colon (`2E: TARAKAN`, `ir :KEBUMEN`): up to three
 * characters before a colon at the very start. Only here: in an address, `JL:` is a misread `JL.`.
 */
const GLUED_LABEL_END = /^\s*[A-Za-z0-9]{1,3}\s*:/;
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
  return isoDate(year, month, day);
}

/** `YYYY-MM-DD` when the day exists in the calendar, else null. */
function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The earliest birth year a card holder can have (the latest birth date is today's). */
const EARLIEST_BIRTH_YEAR = 1900;

/** Whether an ISO date can be a card holder's birth date: from 1900 to today. */
export function isPossibleBirthDate(iso: string, today: Date = new Date()): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= EARLIEST_BIRTH_YEAR && iso <= today.toISOString().slice(0, 10);
}

/**
 * A birth year whose century digits were misread (`1092`, `1885` for 1992, 1985): a birth year starts
 * with 19 or 20, so of `19YY` and `20YY` the one that is a possible birth date and differs from the
 * reading in fewer digits is taken. Null when the date is possible as read, or when neither or both
 * candidates fit equally (the field is then left as read, and flagged as an impossible value).
 */
export function repairBirthYear(iso: string, today: Date = new Date()): string | null {
  if (isPossibleBirthDate(iso, today)) return null;
  const read = iso.slice(0, 4);
  const [month, day] = [Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  const digitsChanged = (year: number) => [...String(year)].filter((digit, i) => digit !== read[i]).length;
  const candidates = [1900, 2000]
    .map((century) => century + Number(read.slice(2)))
    .filter((year) => {
      const candidate = isoDate(year, month, day);
      return candidate !== null && isPossibleBirthDate(candidate, today);
    })
    .sort((a, b) => digitsChanged(a) - digitsChanged(b));
  if (candidates.length === 0 || (candidates.length === 2 && digitsChanged(candidates[0]) === digitsChanged(candidates[1]))) return null;
  return isoDate(candidates[0], month, day);
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
 * Normalises the raw fields: values of merged rows separated, dates to ISO, closed vocabularies snapped,
 * digit look-alikes fixed in NIK, RT/RW and dates. Region names are checked against the gazetteer
 * afterwards (`applyGazetteer`).
 */
export function normaliseKtpFields(parsed: RawKtpFields): KtpFields {
  const raw = separateGluedValues(parsed);
  const fields: KtpFields = {};
  /** Stores a field; `value` overrides the reading's text, and null means the text was not a valid value. */
  const put = (key: KtpFieldKey, reading: FieldReading | undefined, value?: string | null) => {
    const text = value === undefined ? reading?.value : value;
    if (reading && text) fields[key] = { value: text, confidence: reading.confidence };
  };

  if (raw.nik) put('nik', raw.nik, normaliseNik(raw.nik.value));
  put('nama', raw.nama, raw.nama && stripSeparatorResidue(raw.nama.value).replace(/^[^A-Za-z]+/, ''));

  if (raw.tempatTanggalLahir) {
    const text = raw.tempatTanggalLahir.value.replace(GLUED_LABEL_END, '');
    const dateMatch = [...text.matchAll(new RegExp(DATE_CHARS, 'g'))]
      .map((m) => ({ index: m.index ?? 0, iso: printedDateToIso(m[0]) }))
      .find((m) => m.iso);
    // Without a readable date, the place ends where the date's remains begin: place names hold no digits.
    const placeText = dateMatch ? text.slice(0, dateMatch.index) : text.replace(/\s+\S*\d.*$/, '');
    const place = stripSeparatorResidue(placeText.replace(/[\s,.]+$/, ''));
    put('tempatLahir', raw.tempatTanggalLahir, place);
    if (dateMatch) put('tanggalLahir', raw.tempatTanggalLahir, dateMatch.iso);
  }
  if (raw.jenisKelamin) put('jenisKelamin', snapped(raw.jenisKelamin, GENDERS, 0.4));
  if (raw.golonganDarah) put('golonganDarah', raw.golonganDarah, normaliseBloodType(stripSeparatorResidue(raw.golonganDarah.value)));
  put('alamat', raw.alamat, raw.alamat && restoreAddressAbbreviations(stripSeparatorResidue(raw.alamat.value)));
  if (raw.rtRw) put('rtRw', raw.rtRw, normaliseRtRw(raw.rtRw.value));
  put('kelurahanDesa', raw.kelurahanDesa, raw.kelurahanDesa && stripSeparatorResidue(raw.kelurahanDesa.value));
  put('kecamatan', raw.kecamatan, raw.kecamatan && stripSeparatorResidue(raw.kecamatan.value));
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

  return fields;
}
