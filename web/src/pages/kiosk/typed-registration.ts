import type { BloodType, CreatePatientRequest, KtpFieldValues, NikGender, TicketWithPosition, TokenPair } from '@mediq/contracts';
import { BLOOD_TYPES } from '@mediq/contracts';
import { api, ApiError } from '../../api';

/** What the kiosk shows after either path: the ticket, and the patient's tokens for the QR code. */
export interface IssuedTicket {
  ticket: TicketWithPosition;
  patientTokens: TokenPair;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The NIK is registered under another name: the patient should check the name as printed. */
export class NameMismatchError extends Error {}

/** The typed card as a patient registration; values the API would refuse are left out rather than failing the visit. */
export function typedProfile(fields: KtpFieldValues): Omit<CreatePatientRequest, 'role' | 'idempotencyKey'> {
  const gender: NikGender | undefined = /^LAKI/i.test(fields.jenisKelamin ?? '') ? 'MALE' : /^PEREMPUAN/i.test(fields.jenisKelamin ?? '') ? 'FEMALE' : undefined;
  const blood = fields.golonganDarah?.trim().toUpperCase();
  const text = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);
  return {
    nik: fields.nik!.trim(),
    name: fields.nama!.trim(),
    birthPlace: text(fields.tempatLahir),
    birthDate: fields.tanggalLahir && ISO_DATE.test(fields.tanggalLahir) ? fields.tanggalLahir : undefined,
    gender,
    bloodType: blood && (BLOOD_TYPES as readonly string[]).includes(blood) ? (blood as BloodType) : undefined,
    address: text(fields.alamat),
    rtRw: fields.rtRw && /^\d{1,3}\/\d{1,3}$/.test(fields.rtRw.trim()) ? fields.rtRw.trim() : undefined,
    kelurahan: text(fields.kelurahanDesa),
    kecamatan: text(fields.kecamatan),
    kabupatenKota: text(fields.kabupatenKota),
    provinsi: text(fields.provinsi),
    religion: text(fields.agama),
    maritalStatus: text(fields.statusPerkawinan),
    occupation: text(fields.pekerjaan),
    nationality: text(fields.kewarganegaraan),
    validUntil: text(fields.berlakuHingga),
  };
}

/**
 * A card typed at the kiosk (the camera could not read it), through the public API: register the
 * patient (a known NIK answers 409 and is simply signed in), sign in with NIK + name for the phone's
 * tokens, then take the ticket with the kiosk key. `requestId` makes every step safe to retry.
 */
export async function registerTyped(kioskKey: string, fields: KtpFieldValues, institutionId: string, serviceId: string, requestId: string): Promise<IssuedTicket> {
  const profile = typedProfile(fields);
  try {
    await api.registerPatient({ kioskKey }, profile, `kiosk-typed:${requestId}`);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
  }
  const session = await api.loginPatient(profile.nik, profile.name).catch((error: unknown) => {
    // Not the kiosk's key: the NIK and name do not match a registration.
    if (error instanceof ApiError && error.status === 401) throw new NameMismatchError(error.message);
    throw error;
  });
  const { ticket } = await api.takeTicket({ kioskKey }, { institutionId, serviceId, patientUserId: session.user.id, requestId: `kiosk-typed:${requestId}` });
  return { ticket, patientTokens: { accessToken: session.accessToken, refreshToken: session.refreshToken, expiresIn: session.expiresIn } };
}
