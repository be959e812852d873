import { validateNik, type NikGender, type NikValidation } from '@mediq/contracts';
import type { ParsedKtp } from './ktp-parser/ktp-parser';
import { normaliseKtpFields } from './normalisation/normalise-ktp-fields';
import type { RegionLookup } from './regions/region-lookup';
import { KTP_FIELD_KEYS, type KtpFields, type OcrWarning } from './result';

/** Fewest recognised labels (header included) that make a text layout a KTP when no detector says so. */
const MIN_KTP_LABELS = 3;

const GENDER_OF: Readonly<Record<string, NikGender>> = { 'LAKI-LAKI': 'MALE', MALE: 'MALE', PEREMPUAN: 'FEMALE', FEMALE: 'FEMALE' };

export interface KtpReading {
  fields: KtpFields;
  nikValidation: NikValidation | null;
  warnings: OcrWarning[];
}

export function looksLikeKtp(parsed: ParsedKtp): boolean {
  return parsed.labelsMatched + (parsed.hasProvinceHeader ? 1 : 0) >= MIN_KTP_LABELS;
}

/**
 * From parsed KTP text to the final fields: normalisation, region names checked against the NIK's
 * region code, NIK validation with the shared rules (disagreements with the card are warnings), and a
 * warning for every field that could not be read. Independent of the OCR engine that produced the text.
 */
export function readKtp(parsed: ParsedKtp, regions: RegionLookup): KtpReading {
  const nikDigits = (parsed.fields.nik?.value ?? '').replace(/\D/g, '');
  const region = /^\d{16}$/.test(nikDigits) ? regions.forNik(nikDigits) : null;
  const { fields, warnings } = normaliseKtpFields(parsed.fields, region?.province ? region : null);

  let nikValidation: NikValidation | null = null;
  if (fields.nik) {
    nikValidation = validateNik(fields.nik.value, {
      birthDate: fields.tanggalLahir?.value,
      gender: GENDER_OF[fields.jenisKelamin?.value ?? ''],
    });
    if (!nikValidation.valid) {
      warnings.push({ code: 'NIK_INVALID', field: 'nik', message: nikValidation.errors.map((e) => e.message).join(' ') });
    }
    for (const w of nikValidation.warnings) warnings.push({ code: w.rule, field: 'nik', message: w.message });
  }
  for (const key of KTP_FIELD_KEYS) {
    if (!fields[key]) warnings.push({ code: 'FIELD_MISSING', field: key, message: `The field ${key} could not be read.` });
  }
  return { fields, nikValidation, warnings };
}
