import { DomainError } from '@mediq/common';
import { BLOOD_TYPES, hasUnsafeCharacters, isCalendarDate, KtpProfile, UserView } from '@mediq/contracts';
import type { PiiCipher } from '@mediq/common';
import { Prisma, User } from '../generated/prisma/client';

const TEXT_LIMITS: Partial<Record<keyof KtpProfile | 'name' | 'phone', number>> = {
  name: 200, phone: 32, birthPlace: 100, address: 500, rtRw: 16, kelurahan: 100, kecamatan: 100, kabupatenKota: 100,
  provinsi: 100, religion: 50, maritalStatus: 50, occupation: 100, nationality: 50, validUntil: 32,
};
/** Control and invisible formatting characters (e.g. U+202E, which shows a name reversed on screen). */
export const UNSAFE_TEXT = 'must not contain control or invisible formatting characters';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type ProfileInput = Partial<KtpProfile> & { name?: string; phone?: string | null };
type ProfileData = Pick<Prisma.UserUncheckedCreateInput, keyof KtpProfile | 'name' | 'phone'>;

/**
 * Checks and converts the person fields of a create or update. Every problem is reported at once,
 * by field name; values never appear in the message.
 */
export function profileData(input: ProfileInput): ProfileData {
  const problems: Record<string, string> = {};
  const data: Record<string, unknown> = {};
  for (const [field, limit] of Object.entries(TEXT_LIMITS)) {
    const value = input[field as keyof ProfileInput];
    if (value === undefined) continue;
    if (value === null) {
      if (field === 'name') problems.name = 'is required';
      else data[field] = null;
      continue;
    }
    const text = String(value).trim();
    if (field === 'name' && !text) problems.name = 'is required';
    else if (text.length > limit!) problems[field] = `must be at most ${limit} characters`;
    else if (hasUnsafeCharacters(text, { multiline: field === 'address' })) problems[field] = UNSAFE_TEXT;
    else data[field] = text || null;
  }
  if (input.birthDate !== undefined) {
    if (input.birthDate === null) data.birthDate = null;
    else if (!isCalendarDate(input.birthDate)) problems.birthDate = 'must be a real date written YYYY-MM-DD';
    else data.birthDate = new Date(`${input.birthDate}T00:00:00.000Z`);
  }
  if (input.gender !== undefined) {
    if (input.gender !== null && input.gender !== 'MALE' && input.gender !== 'FEMALE') problems.gender = 'must be MALE or FEMALE';
    else data.gender = input.gender;
  }
  if (input.bloodType !== undefined) {
    if (input.bloodType !== null && !BLOOD_TYPES.includes(input.bloodType)) problems.bloodType = `must be one of ${BLOOD_TYPES.join(', ')}`;
    else data.bloodType = input.bloodType;
  }
  if (typeof data.rtRw === 'string' && !/^\d{1,3}\/\d{1,3}$/.test(data.rtRw)) problems.rtRw = 'must look like 001/002';
  if (Object.keys(problems).length > 0) {
    throw DomainError.validation(`Some fields are invalid: ${Object.entries(problems).map(([f, p]) => `${f} ${p}`).join('; ')}`, problems);
  }
  return data as ProfileData;
}

/** A normalised e-mail address, or a validation error naming the field. */
export function normaliseEmail(email: unknown): string {
  const value = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (!EMAIL.test(value) || value.length > 200) throw DomainError.validation('email must be a valid e-mail address', { email: 'must be a valid e-mail address' });
  return value;
}

/** What a caller sees of a user; the NIK is decrypted here and nowhere else. */
export function toUserView(user: User, pii: PiiCipher): UserView {
  return {
    id: user.id,
    role: user.role,
    name: user.name,
    nik: user.nikCiphertext ? pii.decrypt(user.nikCiphertext) : null,
    email: user.email,
    phone: user.phone,
    institutionId: user.institutionId,
    totpEnabled: user.totpEnabled,
    disabled: user.disabledAt !== null,
    birthPlace: user.birthPlace,
    birthDate: user.birthDate ? user.birthDate.toISOString().slice(0, 10) : null,
    gender: user.gender,
    bloodType: user.bloodType as UserView['bloodType'],
    address: user.address,
    rtRw: user.rtRw,
    kelurahan: user.kelurahan,
    kecamatan: user.kecamatan,
    kabupatenKota: user.kabupatenKota,
    provinsi: user.provinsi,
    religion: user.religion,
    maritalStatus: user.maritalStatus,
    occupation: user.occupation,
    nationality: user.nationality,
    validUntil: user.validUntil,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
