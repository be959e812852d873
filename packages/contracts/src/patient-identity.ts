import type { KtpProfile } from './user';

/**
 * Who a patient is, and what may change it. DOMAIN.md ("A NIK belongs to one person"): the NIK is
 * the key, the printed name confirms it; identity fields change only through staff with a reason;
 * contact fields may be refreshed from a newer card. Every change is kept in the patient's history.
 */

/**
 * The one comparison of names, used by patient sign-in (NIK + name) and by registration to decide
 * whether a card with a registered NIK is the same person: case, punctuation and word spaces are
 * not evidence of another person (the OCR inserts and drops spaces; people type `Muhammad` for
 * `MUHAMMAD`), different letters are. So `MUHAM MAD ILHAM` = `Muhammad Ilham` = `MUHAMMAD-ILHAM`,
 * and nothing looser: no edit distance, no dropped letters.
 */
export function nameMatchKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function sameName(a: string, b: string): boolean {
  const key = nameMatchKey(a);
  return key.length > 0 && key === nameMatchKey(b);
}

/** Change only through staff, with a reason (a misread registration, a legal name change). */
export const IDENTITY_FIELDS = ['name', 'birthDate', 'gender', 'birthPlace'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** Change between visits: refreshed from a newer card at the kiosk, each change recorded. */
export const CONTACT_FIELDS = ['address', 'rtRw', 'kelurahan', 'kecamatan', 'kabupatenKota', 'provinsi', 'maritalStatus', 'occupation', 'validUntil'] as const satisfies readonly (keyof KtpProfile)[];
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Where a change of a patient record came from. */
export type RecordChannel = 'KIOSK' | 'STAFF' | 'PATIENT' | 'SYSTEM';

/**
 * One entry of a patient's history. Values are shown to staff of an institution the patient visited;
 * they are stored sealed like the record itself.
 */
export interface PatientHistoryEntry {
  id: string;
  /** REGISTERED | FIELD_CHANGED | IDENTITY_CORRECTED | REVIEW_FLAGGED | REVIEW_RESOLVED | NIK_READ */
  event: PatientHistoryEvent;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  channel: RecordChannel;
  actorKind: string;
  actorId: string | null;
  actorRole: string | null;
  reason: string | null;
  createdAt: string;
}
export type PatientHistoryEvent = 'REGISTERED' | 'FIELD_CHANGED' | 'IDENTITY_CORRECTED' | 'REVIEW_FLAGGED' | 'REVIEW_RESOLVED' | 'NIK_READ';

/** A card that matched a patient by NIK and name but shows another birth date, sex or birth place: for staff to look at. */
export interface PatientReviewFlag {
  id: string;
  field: IdentityField;
  /** The registered value and what the card (or the kiosk screen) said. */
  recordValue: string | null;
  cardValue: string | null;
  createdAt: string;
}

/** A patient's card read or typed at a kiosk or by staff, to be found or registered. */
export interface RegisterFromCardRequest extends Partial<KtpProfile> {
  nik: string;
  name: string;
  /** Where the patient registers (the kiosk's or the staff member's institution). */
  institutionId: string;
  /** Same key, same outcome: a retried confirmation gets the same patient. */
  idempotencyKey: string;
}

export interface RegisterFromCardReply {
  patientId: string;
  /** true when this card registered the patient; false when the NIK and name matched a registration. */
  created: boolean;
  /** Contact fields refreshed from the card (names of fields only). */
  refreshed: ContactField[];
  /** Identity fields that differ from the record: unchanged, flagged for staff. */
  flaggedForReview: IdentityField[];
}

/** Staff correcting who a patient is; every changed field is recorded with the reason. */
export interface CorrectIdentityRequest {
  id: string;
  name?: string;
  birthDate?: string | null;
  gender?: 'MALE' | 'FEMALE' | null;
  birthPlace?: string | null;
  /** Why (at least 5 characters): a misread registration, a legal name change. */
  reason: string;
  /** Review flags this correction settles (all open ones when omitted). */
  resolvesFlags?: string[];
}

/** What staff see of a patient's record keeping: the open review flags and the history, newest first. */
export interface PatientRecordView {
  patientId: string;
  reviewFlags: PatientReviewFlag[];
  history: PatientHistoryEntry[];
}
