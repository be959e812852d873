import { Injectable } from '@nestjs/common';
import { DomainError, PiiCipher } from '@mediq/common';
import {
  Actor,
  CONTACT_FIELDS,
  ContactField,
  CorrectIdentityRequest,
  ErrorCode,
  IDENTITY_FIELDS,
  IdentityField,
  KTP_PROFILE_FIELDS,
  KtpProfile,
  nameMatchKey,
  PatientRecordView,
  RegisterFromCardReply,
  RegisterFromCardRequest,
  sameName,
  UserView,
  validateNik,
} from '@mediq/contracts';
import { PrismaService } from '../database/prisma.service';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { channelOf, HistoryEntryInput, PatientHistoryRepository } from '../repositories/patient-history.repository';
import { isUniqueViolation, UsersRepository } from '../repositories/users.repository';
import { isStaff } from './access-policy';
import { PatientAccess } from './patient-access';
import { profileData, toUserView } from './user-fields';

const MIN_REASON_LENGTH = 5;
const MAX_REASON_LENGTH = 500;
/** Printed fields that are neither identity nor contact: filled from a card when the record has none, never overwritten. */
const FILL_ONLY_FIELDS = KTP_PROFILE_FIELDS.filter(
  (field) => !(CONTACT_FIELDS as readonly string[]).includes(field) && !(IDENTITY_FIELDS as readonly string[]).includes(field),
);

/**
 * A patient's identity (DOMAIN.md, "A NIK belongs to one person"): a card whose NIK is registered
 * is that patient only when the names agree under `sameName`; otherwise it is refused and nothing
 * changes. Contact fields follow the newest card; identity fields change only by staff correction,
 * with a reason. Every change, flag and staff read of the NIK lands in the patient's history.
 */
@Injectable()
export class PatientIdentityService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly users: UsersRepository,
    private readonly history: PatientHistoryRepository,
    private readonly audit: AuditRepository,
    private readonly access: PatientAccess,
    private readonly pii: PiiCipher,
  ) {}

  async registerFromCard(actor: Actor, request: RegisterFromCardRequest): Promise<RegisterFromCardReply> {
    if (actor.kind !== 'system' && actor.kind !== 'kiosk' && !isStaff(actor)) {
      throw DomainError.forbidden('Patients are registered at a kiosk or by facility staff');
    }
    const idempotencyKey = `card:${String(request.idempotencyKey ?? '')}`;
    const earlier = await this.users.findByIdempotencyKey(idempotencyKey);
    if (earlier) return { patientId: earlier.id, created: true, refreshed: [], flaggedForReview: [] };

    const nik = String(request.nik ?? '').trim();
    const check = validateNik(nik);
    if (!check.valid) {
      throw new DomainError(ErrorCode.INVALID_NIK, `The NIK is invalid: ${check.errors.map((e) => `${e.message} (${e.rule})`).join(' ')}`, {
        rules: check.errors.map((e) => e.rule),
      });
    }
    const card = profileData({ ...pickProfile(request), name: request.name ?? null });
    const nikHash = this.pii.hash(nik);
    const registered = await this.users.findByNikHash(nikHash);
    if (registered) return this.matchCard(actor, registered, card);

    try {
      const user = await this.prisma.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: {
            ...card,
            role: 'PASIEN',
            name: card.name!,
            nameKey: nameMatchKey(card.name!),
            nikCiphertext: this.pii.encrypt(nik),
            nikHash,
            institutionId: request.institutionId ?? actor.institutionId ?? null,
            idempotencyKey,
          },
        });
        await this.history.append(created.id, actor, channelOf(actor), [{ event: 'REGISTERED' }], tx);
        return created;
      });
      await this.audit.record(actor, 'patient.register-from-card', user.id, { outcome: 'registered' });
      return { patientId: user.id, created: true, refreshed: [], flaggedForReview: [] };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A retry of this confirmation, or another kiosk registering the same NIK a moment ago.
      const same = await this.users.findByIdempotencyKey(idempotencyKey);
      if (same) return { patientId: same.id, created: true, refreshed: [], flaggedForReview: [] };
      const winner = await this.users.findByNikHash(nikHash);
      if (winner) return this.matchCard(actor, winner, card);
      throw error;
    }
  }

  /** Staff who may see the patient: open review flags and the history, newest first. */
  async record(actor: Actor, id: string): Promise<PatientRecordView> {
    const patient = await this.patient(id);
    await this.access.assertStaffMaySee(actor, patient);
    return this.recordOf(patient.id);
  }

  async correctIdentity(actor: Actor, request: CorrectIdentityRequest): Promise<PatientRecordView & { user: UserView }> {
    if (!isStaff(actor)) throw DomainError.forbidden('Only facility staff can correct a patient\'s identity');
    const patient = await this.patient(request.id);
    await this.access.assertStaffMaySee(actor, patient);
    const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
    if (reason.length < MIN_REASON_LENGTH || reason.length > MAX_REASON_LENGTH) {
      throw DomainError.validation(`reason must be ${MIN_REASON_LENGTH}-${MAX_REASON_LENGTH} characters: say why the identity changes`, {
        reason: `must be ${MIN_REASON_LENGTH}-${MAX_REASON_LENGTH} characters`,
      });
    }
    const requested: Record<string, unknown> = {};
    for (const field of IDENTITY_FIELDS) if (request[field] !== undefined) requested[field] = request[field];
    // Without a field, a correction settles the open review flags: staff checked and the record is right.
    if (Object.keys(requested).length === 0 && (await this.history.openFlags(patient.id)).length === 0) {
      throw DomainError.validation('Name a field to correct (name, birthDate, gender, birthPlace)', { fields: 'none given' });
    }
    const data = profileData(requested);
    const { updated, changes } = await this.prisma.$transaction(async (tx) => {
      const before = toUserView(await this.users.lockForUpdate(patient.id, tx), this.pii);
      const entries: HistoryEntryInput[] = [];
      for (const field of IDENTITY_FIELDS) {
        if (!(field in data)) continue;
        const next = fieldText(field, data[field as keyof typeof data]);
        if (next !== (before[field] ?? null)) entries.push({ event: 'IDENTITY_CORRECTED', field, oldValue: before[field] ?? null, newValue: next, reason });
      }
      const changed = entries.map((entry) => entry.field!);
      const saved = await tx.user.update({
        where: { id: patient.id },
        data: { ...Object.fromEntries(changed.map((field) => [field, data[field as keyof typeof data]])), ...(changed.includes('name') ? { nameKey: nameMatchKey(String(data.name)) } : {}) },
      });
      const settled = await this.history.resolveFlags(patient.id, request.resolvesFlags, actor.userId ?? null, tx);
      await this.history.append(patient.id, actor, 'STAFF', [...entries, ...settled.map((flag) => ({ event: 'REVIEW_RESOLVED' as const, field: flag.field, reason }))], tx);
      return { updated: saved, changes: entries };
    });
    await this.audit.record(actor, 'patient.correct-identity', patient.id, { fields: changes.map((c) => c.field).join(',') || null });
    return { ...(await this.recordOf(patient.id)), user: { ...toUserView(updated, this.pii), nik: null } };
  }

  /**
   * The registered NIK with the card's name: the same person when the names agree. Then contact
   * fields follow the card, other printed fields the record lacks are filled, and identity fields
   * that differ from the record or are missing from it are flagged for staff (once per field and
   * value), never changed. The patient's row is locked while this runs, so cards of the same person
   * confirmed at several kiosks at once raise each flag and change once.
   */
  private async matchCard(actor: Actor, registered: User, card: ReturnType<typeof profileData>): Promise<RegisterFromCardReply> {
    if (registered.role !== 'PASIEN' || !sameName(registered.name, card.name ?? '')) {
      await this.audit.record(actor, 'patient.register-from-card', registered.id, { outcome: 'refused-name-mismatch' });
      throw new DomainError(
        ErrorCode.NIK_REGISTERED_TO_ANOTHER_PERSON,
        'This NIK is registered to a person with another name. Compare the NIK with the card and correct it, or register at the front desk.',
        { field: 'nik' },
      );
    }
    const refreshed: ContactField[] = [];
    const flagged: IdentityField[] = [];
    await this.prisma.$transaction(async (tx) => {
      const record = toUserView(await this.users.lockForUpdate(registered.id, tx), this.pii);
      const changes: HistoryEntryInput[] = [];
      const data: Record<string, unknown> = {};
      for (const field of [...CONTACT_FIELDS, ...FILL_ONLY_FIELDS]) {
        const value = card[field as keyof typeof card];
        if (value === undefined || value === null) continue;
        const next = fieldText(field, value);
        const current = record[field as keyof KtpProfile] ?? null;
        if (next === current) continue;
        if (current !== null && !(CONTACT_FIELDS as readonly string[]).includes(field)) continue;
        data[field] = value;
        changes.push({ event: 'FIELD_CHANGED', field, oldValue: current === null ? null : String(current), newValue: next });
        if ((CONTACT_FIELDS as readonly string[]).includes(field)) refreshed.push(field as ContactField);
      }
      const open = await this.history.openFlags(registered.id, tx);
      for (const field of IDENTITY_FIELDS) {
        if (field === 'name') continue; // the same name under sameName: its spelling on record stays
        const value = card[field as keyof typeof card];
        if (value === undefined || value === null) continue;
        const cardValue = fieldText(field, value);
        const recordValue = record[field] ?? null;
        if (cardValue === recordValue) continue;
        flagged.push(field);
        if (open.some((flag) => flag.field === field && flag.cardValue === cardValue)) continue;
        await this.history.addFlag(registered.id, field, recordValue, cardValue, actor.institutionId ?? null, tx);
        changes.push({ event: 'REVIEW_FLAGGED', field, oldValue: recordValue, newValue: cardValue });
      }
      if (Object.keys(data).length > 0) await tx.user.update({ where: { id: registered.id }, data });
      await this.history.append(registered.id, actor, channelOf(actor), changes, tx);
    });
    await this.audit.record(actor, 'patient.register-from-card', registered.id, {
      outcome: 'matched',
      refreshed: refreshed.join(',') || null,
      flagged: flagged.join(',') || null,
    });
    return { patientId: registered.id, created: false, refreshed, flaggedForReview: flagged };
  }

  private async recordOf(patientId: string): Promise<PatientRecordView> {
    const [reviewFlags, history] = await Promise.all([this.history.openFlags(patientId), this.history.list(patientId)]);
    return { patientId, reviewFlags, history };
  }

  private async patient(id: string): Promise<User> {
    const user = typeof id === 'string' ? await this.users.findById(id) : null;
    if (!user || user.role !== 'PASIEN') throw DomainError.notFound('The patient');
    return user;
  }
}

/** The card's fields of a request, without the NIK and routing fields. */
function pickProfile(request: RegisterFromCardRequest): Partial<KtpProfile> {
  const profile: Partial<KtpProfile> = {};
  for (const field of KTP_PROFILE_FIELDS) if (request[field] !== undefined) (profile as Record<string, unknown>)[field] = request[field];
  return profile;
}

/** A stored value as the view shows it (dates as YYYY-MM-DD), for comparing and for the history. */
function fieldText(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return field === 'birthDate' ? String(value).slice(0, 10) : String(value);
}
