import { DomainError } from '@mediq/common';
import { BloodType, BLOOD_TYPES, CreatePatientRequest, KtpFieldValues, NikGender } from '@mediq/contracts';

/** A patient's registration data built from the confirmed KTP fields. */
export type PatientProfile = Omit<CreatePatientRequest, 'role' | 'idempotencyKey' | 'institutionId' | 'phone'>;

const MAX_TEXT = 200;

/**
 * Turns the fields a patient confirmed at the kiosk (named by their printed KTP labels) into the
 * user service's profile, checking what a person could have typed wrong. The NIK rules themselves
 * are applied by the user service; only its shape is checked here.
 */
export function toPatientProfile(fields: KtpFieldValues): PatientProfile {
  const problems: Record<string, string> = {};
  const text = (key: keyof KtpFieldValues): string | null => {
    const value = fields[key]?.replace(/\s+/g, ' ').trim();
    if (!value) return null;
    if (value.length > MAX_TEXT) problems[key] = `must be at most ${MAX_TEXT} characters`;
    return value;
  };

  const nik = (fields.nik ?? '').replace(/[\s.-]/g, '');
  if (!/^\d{16}$/.test(nik)) problems.nik = 'must be exactly 16 digits';
  const name = text('nama');
  if (!name) problems.nama = 'is required';
  const birthDate = isoDate(fields.tanggalLahir);
  if (fields.tanggalLahir && !birthDate) problems.tanggalLahir = 'must be a date such as 1990-08-17 or 17-08-1990';
  const gender = genderOf(fields.jenisKelamin);
  if (fields.jenisKelamin && !gender) problems.jenisKelamin = 'must be LAKI-LAKI or PEREMPUAN';
  const bloodType = bloodTypeOf(fields.golonganDarah);
  if (fields.golonganDarah && bloodType === undefined) problems.golonganDarah = `must be one of ${BLOOD_TYPES.join(', ')}`;

  const profile: PatientProfile = {
    nik,
    name: name ?? '',
    birthPlace: text('tempatLahir'),
    birthDate,
    gender,
    bloodType: bloodType ?? null,
    address: text('alamat'),
    rtRw: text('rtRw'),
    kelurahan: text('kelurahanDesa'),
    kecamatan: text('kecamatan'),
    kabupatenKota: text('kabupatenKota'),
    provinsi: text('provinsi'),
    religion: text('agama'),
    maritalStatus: text('statusPerkawinan'),
    occupation: text('pekerjaan'),
    nationality: text('kewarganegaraan'),
    validUntil: text('berlakuHingga'),
  };
  if (Object.keys(problems).length > 0) {
    const summary = Object.entries(problems).map(([field, problem]) => `${field} ${problem}`).join('; ');
    throw DomainError.validation(`Please check the card data: ${summary}`, problems);
  }
  return profile;
}

/** ISO `YYYY-MM-DD` from ISO or the KTP's `DD-MM-YYYY`; null when absent or not a real date. */
function isoDate(value: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const match = trimmed.match(/^(\d{4})-(\d{2})-(\d{2})$/) ?? trimmed.match(/^(\d{2})-(\d{2})-(\d{4})$/);
  if (!match) return null;
  const [year, month, day] = match[1].length === 4 ? [match[1], match[2], match[3]] : [match[3], match[2], match[1]];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const valid = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  return valid ? `${year}-${month}-${day}` : null;
}

function genderOf(value: string | undefined): NikGender | null {
  const normalised = value?.trim().toUpperCase().replace(/\s+/g, '');
  if (!normalised) return null;
  if (['LAKI-LAKI', 'LAKILAKI', 'MALE', 'L'].includes(normalised)) return 'MALE';
  if (['PEREMPUAN', 'FEMALE', 'P'].includes(normalised)) return 'FEMALE';
  return null;
}

/** The blood type, null when not given, undefined when unreadable. */
function bloodTypeOf(value: string | undefined): BloodType | null | undefined {
  const normalised = value?.trim().toUpperCase();
  if (!normalised) return null;
  return (BLOOD_TYPES as readonly string[]).includes(normalised) ? (normalised as BloodType) : undefined;
}
