import type { NikGender, NikIssue, NikWarningRule } from './nik';
import type { CorrectIdentityRequest, PatientRecordView, RegisterFromCardReply, RegisterFromCardRequest } from './patient-identity';
import { Page, PageQuery, Role, rpc } from './rpc';

/** Blood type as printed on the KTP (`-` when unknown). */
export type BloodType = 'A' | 'B' | 'AB' | 'O' | '-';
export const BLOOD_TYPES: readonly BloodType[] = ['A', 'B', 'AB', 'O', '-'];

/** The KTP fields kept for a patient. Text as printed on the card; dates ISO `YYYY-MM-DD`. */
export interface KtpProfile {
  birthPlace: string | null;
  birthDate: string | null;
  gender: NikGender | null;
  bloodType: BloodType | null;
  address: string | null;
  /** `001/002` */
  rtRw: string | null;
  kelurahan: string | null;
  kecamatan: string | null;
  kabupatenKota: string | null;
  provinsi: string | null;
  religion: string | null;
  maritalStatus: string | null;
  occupation: string | null;
  nationality: string | null;
  /** `SEUMUR HIDUP` or a printed date. */
  validUntil: string | null;
}

export const KTP_PROFILE_FIELDS: readonly (keyof KtpProfile)[] = [
  'birthPlace', 'birthDate', 'gender', 'bloodType', 'address', 'rtRw', 'kelurahan', 'kecamatan',
  'kabupatenKota', 'provinsi', 'religion', 'maritalStatus', 'occupation', 'nationality', 'validUntil',
];

export interface UserView extends KtpProfile {
  id: string;
  role: Role;
  name: string;
  /** Patients only; shown to the patient and to staff. */
  nik: string | null;
  email: string | null;
  phone: string | null;
  /** Staff: their institution. Patients: where they registered, if at a facility. */
  institutionId: string | null;
  totpEnabled: boolean;
  /** Staff: an administrator disabled the account (no sign-in, sessions ended). */
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A patient registration; a NIK date part that disagrees with `birthDate` comes back as a warning, never a refusal. */
export interface CreatePatientRequest extends Partial<KtpProfile> {
  role: 'PASIEN';
  nik: string;
  name: string;
  phone?: string | null;
  institutionId?: string | null;
  /** Same key, same registration: a retried request returns the first result. */
  idempotencyKey?: string;
}

export interface CreateStaffRequest {
  role: 'OPERATOR' | 'ADMIN_FASKES';
  name: string;
  email: string;
  password: string;
  institutionId: string;
  phone?: string | null;
  idempotencyKey?: string;
}

export type CreateUserRequest = CreatePatientRequest | CreateStaffRequest;

export interface UserWithWarnings {
  user: UserView;
  /** NIK checks a person should look at (e.g. the NIK's birth date differs from the printed one). */
  warnings: NikIssue<NikWarningRule>[];
}

export type UpdateUserRequest = { id: string } & Partial<KtpProfile> & {
  name?: string;
  phone?: string | null;
  email?: string;
};

export interface ListUsersRequest extends PageQuery {
  role?: Role;
  institutionId?: string;
  /** Part of a name, case-insensitive. */
  search?: string;
}

/** Staff changing their own password (also the way out of a one-time password): the current one proves who they are. */
export interface ChangePasswordRequest {
  email: string;
  currentPassword: string;
  newPassword: string;
  /** Required once the account has enrolled TOTP. */
  totpCode?: string;
  /** The caller's IP, set by the gateway: counted like a sign-in. */
  clientIp?: string;
}

/** A one-time password an administrator hands to a staff member; it must be changed at the next sign-in. */
export interface TemporaryPasswordReply {
  userId: string;
  temporaryPassword: string;
}

export interface LoginAdminRequest {
  email: string;
  password: string;
  /** Required once the account has enrolled TOTP. */
  totpCode?: string;
  /** The caller's IP, set by the gateway for the per-IP login limit. */
  clientIp?: string;
}

export interface LoginUserRequest {
  nik: string;
  name: string;
  clientIp?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access token lifetime in seconds. */
  expiresIn: number;
}

export interface LoginReply extends TokenPair {
  user: UserView;
}

/**
 * Claims of an access token (HS256, issuer `mediq`). The gateway verifies it and turns it into the
 * request's Actor; `sessionId` names the refresh-token family the token was issued from, and the
 * gateway refuses the token as soon as that session has ended (see RevokedSessions in @mediq/common).
 */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  institutionId?: string;
  sessionId: string;
  type: 'access';
}

export const TOKEN_ISSUER = 'mediq';

export interface TotpEnrolment {
  /** base32 secret and the otpauth:// URI for an authenticator app's QR code. */
  secret: string;
  otpauthUri: string;
}

export interface KioskKeyView {
  id: string;
  institutionId: string;
  label: string;
  /** The first characters of the key, to tell keys apart; the key itself is never stored. */
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface IssuedKioskKey extends KioskKeyView {
  /** Shown once, at issue. */
  key: string;
}

export interface KioskKeyIdentity {
  kioskKeyId: string;
  institutionId: string;
}

/** Demo/initial accounts for one institution, created idempotently by the seed (system actor only). */
export interface SeedInstitutionAccessRequest {
  institutionId: string;
  admin: { name: string; email: string; password: string };
  operator: { name: string; email: string; password: string };
  /** A fixed kiosk key (so a demo kiosk can be configured with it); omitted: one is generated on first run. */
  kioskKey: { label: string; key?: string };
}

export interface SeedInstitutionAccessReply {
  admin: UserView;
  operator: UserView;
  /** `key` is present when it was supplied or generated by this call; null when the key already existed. */
  kioskKey: KioskKeyView & { key: string | null };
}

export const UserContracts = {
  create: rpc<CreateUserRequest, UserWithWarnings>('user', 'user.create'),
  checkNikExists: rpc<{ nik: string }, { exists: boolean }>('user', 'user.check-nik-exists'),
  findByNik: rpc<{ nik: string }, UserView>('user', 'user.find-by-nik'),
  findOne: rpc<{ id: string }, UserView>('user', 'user.find-one'),
  /** The acting user's own profile. */
  profile: rpc<Record<string, never>, UserView>('user', 'user.profile'),
  update: rpc<UpdateUserRequest, UserWithWarnings>('user', 'user.update'),
  list: rpc<ListUsersRequest, Page<UserView>>('user', 'user.list'),
  updateRole: rpc<{ id: string; role: Role }, UserView>('user', 'user.update-role'),
  /** ADMIN_FASKES of the same institution: disabling ends the account's sessions at once and refuses its sign-in. */
  setDisabled: rpc<{ id: string; disabled: boolean }, UserView>('user', 'user.set-disabled'),
  delete: rpc<{ id: string }, { id: string; deleted: true }>('user', 'user.delete'),
  seedInstitutionAccess: rpc<SeedInstitutionAccessRequest, SeedInstitutionAccessReply>('user', 'user.seed-institution-access'),
  /** An administrator of the staff member's institution sets a one-time password; the staff member's sessions end. */
  resetStaffPassword: rpc<{ id: string }, TemporaryPasswordReply>('user', 'user.staff.reset-password'),
} as const;

/** A patient's identity and record keeping (see patient-identity.ts for the rules). */
export const PatientContracts = {
  /**
   * A kiosk's or staff member's confirmed card: the patient it names, registered if the NIK is new.
   * A registered NIK with another name is refused (409 NIK_REGISTERED_TO_ANOTHER_PERSON) and nothing
   * of that patient is returned; with the same name, contact fields are refreshed and differing
   * identity fields are flagged for staff, never changed. Internal: called by the ocr service.
   */
  registerFromCard: rpc<RegisterFromCardRequest, RegisterFromCardReply>('user', 'patient.register-from-card'),
  /** Staff of an institution the patient visited: open review flags and the history. */
  record: rpc<{ id: string }, PatientRecordView>('user', 'patient.record'),
  /** Staff of an institution the patient visited: change identity fields, with a reason. */
  correctIdentity: rpc<CorrectIdentityRequest, PatientRecordView & { user: UserView }>('user', 'patient.correct-identity'),
} as const;

export const AuthContracts = {
  loginAdmin: rpc<LoginAdminRequest, LoginReply>('user', 'auth.login.admin'),
  loginUser: rpc<LoginUserRequest, LoginReply>('user', 'auth.login.user'),
  refresh: rpc<{ refreshToken: string }, TokenPair>('user', 'auth.refresh'),
  /**
   * Revokes the session (refresh-token family) of `token`, which may be its access or its refresh token:
   * its refresh token and its access tokens stop working at once. 503 when the gateway's revocation list
   * cannot be written; logging out again completes it.
   */
  logout: rpc<{ token: string }, { loggedOut: true }>('user', 'auth.logout'),
  /** Staff: start TOTP enrolment (returns a secret), then confirm it with a code from the app. */
  totpEnrol: rpc<Record<string, never>, TotpEnrolment>('user', 'auth.totp.enrol'),
  totpConfirm: rpc<{ code: string }, { totpEnabled: true }>('user', 'auth.totp.confirm'),
  /** Staff: a new password for the current one (policy: WEAK_PASSWORD); the other sessions end and a new one starts. */
  changePassword: rpc<ChangePasswordRequest, LoginReply>('user', 'auth.password.change'),
} as const;

export const KioskKeyContracts = {
  issue: rpc<{ institutionId: string; label: string }, IssuedKioskKey>('user', 'kiosk-key.issue'),
  verify: rpc<{ key: string }, KioskKeyIdentity>('user', 'kiosk-key.verify'),
  revoke: rpc<{ id: string }, KioskKeyView>('user', 'kiosk-key.revoke'),
  list: rpc<{ institutionId: string }, KioskKeyView[]>('user', 'kiosk-key.list'),
} as const;
