import { Injectable } from '@nestjs/common';
import { DomainError, PiiCipher } from '@mediq/common';
import {
  Actor,
  CreatePatientRequest,
  CreateStaffRequest,
  CreateUserRequest,
  ErrorCode,
  IDENTITY_FIELDS,
  ListUsersRequest,
  nameMatchKey,
  NikGender,
  Page,
  Role,
  ROLES,
  STAFF_ROLES,
  UpdateUserRequest,
  UserView,
  UserWithWarnings,
  validateNik,
} from '@mediq/contracts';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { channelOf, PatientHistoryRepository } from '../repositories/patient-history.repository';
import { isUniqueViolation, UsersRepository } from '../repositories/users.repository';
import { canAdministerInstitution, canManage, canRead, canUpdate, isAdmin, isStaff } from './access-policy';

import { PasswordHasher } from './password-hasher';
import { PatientAccess } from './patient-access';
import { SessionsService } from './sessions.service';
import { assertStrongPassword } from './password-policy';
import { normaliseEmail, profileData, toUserView } from './user-fields';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,64}$/;

/** People: registration, lookup, profile changes, roles and deletion, each within the actor's scope. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditRepository,
    private readonly pii: PiiCipher,
    private readonly passwords: PasswordHasher,
    private readonly patientAccess: PatientAccess,
    private readonly patientHistory: PatientHistoryRepository,
  ) {}

  async create(actor: Actor, request: CreateUserRequest): Promise<UserWithWarnings> {
    const idempotencyKey = this.scopedIdempotencyKey(actor, request.idempotencyKey);
    if (idempotencyKey) {
      const earlier = await this.users.findByIdempotencyKey(idempotencyKey);
      if (earlier) return this.withWarnings(earlier);
    }
    try {
      return request.role === 'PASIEN'
        ? await this.createPatient(actor, request, idempotencyKey)
        : await this.createStaff(actor, request, idempotencyKey);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Lost a race: either the same request (same key) or a duplicate NIK / e-mail.
      const earlier = idempotencyKey ? await this.users.findByIdempotencyKey(idempotencyKey) : null;
      if (earlier) return this.withWarnings(earlier);
      throw new DomainError(ErrorCode.CONFLICT, request.role === 'PASIEN' ? 'A patient with this NIK is already registered' : 'An account with this e-mail already exists');
    }
  }

  async checkNikExists(actor: Actor, nik: string): Promise<{ exists: boolean }> {
    if (actor.kind !== 'kiosk' && actor.kind !== 'system' && !isStaff(actor)) throw DomainError.forbidden('Only a kiosk or facility staff can check a NIK');
    return { exists: (await this.users.findByNikHash(this.pii.hash(validNik(nik)))) !== null };
  }

  async findByNik(actor: Actor, nik: string): Promise<UserView> {
    if (actor.kind !== 'system' && !isStaff(actor)) throw DomainError.forbidden('Only facility staff can look a patient up by NIK');
    const user = await this.users.findByNikHash(this.pii.hash(validNik(nik)));
    if (!user) throw DomainError.notFound('A patient with this NIK');
    await this.recordStaffNikRead(actor, user);
    return toUserView(user, this.pii);
  }

  /** Staff see a patient only where the patient registered or has (had) a ticket; each such read of the NIK is recorded. */
  async findOne(actor: Actor, id: string): Promise<UserView> {
    const user = await this.existing(id);
    if (!canRead(actor, user)) throw DomainError.forbidden('You may not see this user');
    if (user.role === 'PASIEN' && isStaff(actor)) {
      await this.patientAccess.assertStaffMaySee(actor, user);
      await this.recordStaffNikRead(actor, user);
    }
    return toUserView(user, this.pii);
  }

  async profile(actor: Actor): Promise<UserView> {
    if (actor.kind !== 'user' || !actor.userId) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to see your profile');
    return toUserView(await this.existing(actor.userId), this.pii);
  }

  async update(actor: Actor, request: UpdateUserRequest): Promise<UserWithWarnings> {
    const user = await this.existing(request.id);
    if (!canUpdate(actor, user)) throw DomainError.forbidden('You may change only your own profile');
    const { id, email, ...fields } = request;
    const identity = IDENTITY_FIELDS.filter((field) => fields[field] !== undefined);
    if (user.role === 'PASIEN' && identity.length > 0) {
      throw new DomainError(
        ErrorCode.UNPROCESSABLE,
        `A patient's ${identity.join(', ')} change only through a staff correction with a reason (POST /api/users/:id/identity-corrections)`,
        { fields: Object.fromEntries(identity.map((field) => [field, 'identity field: staff correction only'])) },
      );
    }
    const data: Parameters<UsersRepository['update']>[1] = profileData(fields);
    if (typeof data.name === 'string') data.nameKey = nameMatchKey(data.name);
    if (email !== undefined) {
      if (user.role === 'PASIEN') throw DomainError.validation('Patients have no e-mail sign-in', { email: 'is not used for patients' });
      data.email = normaliseEmail(email);
    }
    let updated: User;
    try {
      updated = await this.users.update(id, data);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.CONFLICT, 'An account with this e-mail already exists');
      throw error;
    }
    await this.audit.record(actor, 'user.update', id, { fields: Object.keys(data).sort().join(',') });
    if (user.role === 'PASIEN') {
      await this.recordPatientChanges(actor, user, updated);
      await this.recordStaffNikRead(actor, updated);
    }
    return this.withWarnings(updated);
  }

  async list(actor: Actor, request: ListUsersRequest): Promise<Page<UserView>> {
    if (actor.kind !== 'system' && !isAdmin(actor)) throw DomainError.forbidden('Only a facility administrator can list users');
    if (request.role !== undefined && !ROLES.includes(request.role)) throw DomainError.validation(`role must be one of ${ROLES.join(', ')}`, { role: 'unknown role' });
    const page = Math.max(1, Math.trunc(request.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(request.pageSize ?? DEFAULT_PAGE_SIZE)));
    const search = request.search ? nameMatchKey(request.search) : '';
    const { items, total } = await this.users.list({
      role: request.role,
      institutionId: actor.kind === 'system' ? request.institutionId : actor.institutionId,
      nameKeyContains: search || undefined,
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    // A list never shows NIKs: reading one is a staff read of a patient's NIK, recorded one by one (findOne).
    return { items: items.map((user) => ({ ...toUserView(user, this.pii), nik: null })), page, pageSize, total };
  }

  async updateRole(actor: Actor, id: string, role: Role): Promise<UserView> {
    if (!STAFF_ROLES.includes(role)) throw DomainError.validation('role must be OPERATOR or ADMIN_FASKES', { role: 'must be OPERATOR or ADMIN_FASKES' });
    const user = await this.existing(id);
    if (!canManage(actor, user)) throw DomainError.forbidden('Only an administrator of the same institution can change this role');
    if (user.role === 'PASIEN') throw new DomainError(ErrorCode.UNPROCESSABLE, 'A patient account cannot be given a staff role; create a staff account instead');
    if (user.role === role) {
      // Nothing to change; a retry after the revocation list was unreachable completes that change's sign-out.
      await this.sessions.relistRecentlyEnded(id);
      return toUserView(user, this.pii);
    }
    const updated = await this.users.update(id, { role });
    await this.audit.record(actor, 'user.update-role', id, { from: user.role, to: role });
    await this.sessions.endAllOf(id, 'ROLE_CHANGED');
    return toUserView(updated, this.pii);
  }

  /**
   * Disables (or enables) a staff account of the administrator's institution. Disabling ends every
   * session at once, access tokens included; repeating it answers the same (and completes a
   * sign-out that could not reach the revocation list). An administrator cannot disable themself.
   */
  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<UserView> {
    if (typeof disabled !== 'boolean') throw DomainError.validation('disabled must be true or false', { disabled: 'must be true or false' });
    const user = await this.existing(id);
    if (actor.userId === id) throw new DomainError(ErrorCode.UNPROCESSABLE, 'You cannot disable your own account; ask another administrator');
    if (!canManage(actor, user) || user.role === 'PASIEN') throw DomainError.forbidden('Only an administrator of the same institution can disable a staff account');
    if ((user.disabledAt !== null) === disabled) {
      if (disabled) await this.sessions.relistRecentlyEnded(id);
      return toUserView(user, this.pii);
    }
    const updated = await this.users.update(id, { disabledAt: disabled ? new Date() : null });
    await this.audit.record(actor, disabled ? 'user.disable' : 'user.enable', id, { role: user.role });
    if (disabled) await this.sessions.endAllOf(id, 'USER_DISABLED');
    return toUserView(updated, this.pii);
  }

  /**
   * Soft delete; ends the user's sessions, access tokens included. Deleting again answers the same
   * (and completes the sign-out if the revocation list was unreachable the first time).
   */
  async delete(actor: Actor, id: string): Promise<{ id: string; deleted: true }> {
    const user = await this.users.findByIdIncludingDeleted(id);
    if (!user) throw DomainError.notFound('The user');
    if (!canManage(actor, user)) throw DomainError.forbidden('Only an administrator of the same institution can delete this user');
    if (!user.deletedAt) {
      await this.users.softDelete(id);
      await this.audit.record(actor, 'user.delete', id, { role: user.role });
    }
    await this.sessions.endAllOf(id, 'USER_DELETED');
    return { id, deleted: true };
  }

  private async createPatient(actor: Actor, request: CreatePatientRequest, idempotencyKey: string | null): Promise<UserWithWarnings> {
    if (actor.kind !== 'kiosk' && actor.kind !== 'system' && !isStaff(actor)) {
      throw DomainError.forbidden('Patients are registered at a kiosk or by facility staff');
    }
    const profile = profileData({ ...request, name: request.name ?? null });
    const nik = String(request.nik ?? '').trim();
    const warnings = nikWarnings(nik, request.birthDate ?? undefined, request.gender ?? undefined);
    const nikHash = this.pii.hash(nik);
    if (await this.users.findByNikHash(nikHash)) throw new DomainError(ErrorCode.CONFLICT, 'A patient with this NIK is already registered', { field: 'nik' });
    const user = await this.users.create({
      ...profile,
      role: 'PASIEN',
      name: profile.name!,
      nameKey: nameMatchKey(profile.name!),
      nikCiphertext: this.pii.encrypt(nik),
      nikHash,
      institutionId: actor.kind === 'system' ? (request.institutionId ?? null) : (actor.institutionId ?? null),
      idempotencyKey,
    });
    await this.audit.record(actor, 'user.create', user.id, { role: 'PASIEN', nikWarnings: warnings.map((w) => w.rule).join(',') || null });
    await this.patientHistory.append(user.id, actor, channelOf(actor), [{ event: 'REGISTERED' }]);
    return { user: toUserView(user, this.pii), warnings };
  }

  private async createStaff(actor: Actor, request: CreateStaffRequest, idempotencyKey: string | null): Promise<UserWithWarnings> {
    if (!STAFF_ROLES.includes(request.role)) throw DomainError.validation(`role must be one of ${ROLES.join(', ')}`, { role: 'unknown role' });
    if (!request.institutionId || !canAdministerInstitution(actor, request.institutionId)) {
      throw DomainError.forbidden('Only an administrator of this institution can create its staff accounts');
    }
    const profile = profileData({ name: request.name ?? null, phone: request.phone });
    const email = normaliseEmail(request.email);
    assertStrongPassword(request.password, { email, name: profile.name });
    if (await this.users.findByEmail(email)) throw new DomainError(ErrorCode.CONFLICT, 'An account with this e-mail already exists', { field: 'email' });
    const user = await this.users.create({
      ...profile,
      role: request.role,
      name: profile.name!,
      nameKey: nameMatchKey(profile.name!),
      email,
      passwordHash: await this.passwords.hash(request.password),
      institutionId: request.institutionId,
      idempotencyKey,
    });
    await this.audit.record(actor, 'user.create', user.id, { role: request.role });
    return { user: toUserView(user, this.pii), warnings: [] };
  }

  /** Every field of a patient record that an update changed, with old and new value, in the patient's history. */
  private async recordPatientChanges(actor: Actor, before: User, after: User): Promise<void> {
    const [old, next] = [toUserView(before, this.pii), toUserView(after, this.pii)];
    const changed = (Object.keys(next) as (keyof UserView)[]).filter((field) => field !== 'updatedAt' && old[field] !== next[field]);
    await this.patientHistory.append(
      after.id,
      actor,
      channelOf(actor),
      changed.map((field) => ({ event: 'FIELD_CHANGED' as const, field, oldValue: old[field] === null ? null : String(old[field]), newValue: next[field] === null ? null : String(next[field]) })),
    );
  }

  private async recordStaffNikRead(actor: Actor, patient: User): Promise<void> {
    if (isStaff(actor) && patient.role === 'PASIEN') await this.patientHistory.append(patient.id, actor, 'STAFF', [{ event: 'NIK_READ', field: 'nik' }]);
  }

  private async existing(id: string): Promise<User> {
    const user = typeof id === 'string' ? await this.users.findById(id) : null;
    if (!user) throw DomainError.notFound('The user');
    return user;
  }

  /** The view plus the NIK checks against the stored printed birth date and gender. */
  private withWarnings(user: User): UserWithWarnings {
    const view = toUserView(user, this.pii);
    return { user: view, warnings: view.nik ? validateNik(view.nik, { birthDate: view.birthDate ?? undefined, gender: view.gender ?? undefined }).warnings : [] };
  }

  /** Keys are per caller, so one caller can never replay into another's registration. */
  private scopedIdempotencyKey(actor: Actor, key: string | undefined): string | null {
    if (key === undefined || key === null) return null;
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw DomainError.validation('The idempotency key must be 8-64 letters, digits, dots, colons, dashes or underscores', { idempotencyKey: 'invalid' });
    }
    return `${actor.kioskKeyId ?? actor.userId ?? actor.kind}:${key}`;
  }
}

/** 400 INVALID_NIK naming each failing rule; a NIK that disagrees with the printed card only warns. */
function nikWarnings(nik: string, birthDate?: string, gender?: NikGender) {
  const result = validateNik(nik, { birthDate, gender });
  if (!result.valid) {
    throw new DomainError(ErrorCode.INVALID_NIK, `The NIK is invalid: ${result.errors.map((e) => `${e.message} (${e.rule})`).join(' ')}`, {
      rules: result.errors.map((e) => e.rule),
    });
  }
  return result.warnings;
}

/** The NIK, trimmed, once it passes the hard rules. */
export function validNik(nik: unknown): string {
  const value = typeof nik === 'string' ? nik.trim() : '';
  nikWarnings(value);
  return value;
}
