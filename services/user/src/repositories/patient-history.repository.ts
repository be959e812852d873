import { Injectable } from '@nestjs/common';
import { PiiCipher, requestContext } from '@mediq/common';
import { Actor, IdentityField, PatientHistoryEntry, PatientHistoryEvent, PatientReviewFlag, RecordChannel } from '@mediq/contracts';
import { PatientHistory, PatientReviewFlag as ReviewFlagRow } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

export interface HistoryEntryInput {
  event: PatientHistoryEvent;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  reason?: string | null;
}

/** The Prisma client or an open transaction of it. */
type Db = Pick<PrismaService, 'patientHistory' | 'patientReviewFlag'>;

const HISTORY_PAGE = 200;

/**
 * A patient's history and review flags. Values and reasons are sealed with PiiCipher on the way in
 * and opened only for the staff who may read the record.
 */
@Injectable()
export class PatientHistoryRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pii: PiiCipher,
  ) {}

  async append(userId: string, actor: Actor, channel: RecordChannel, entries: HistoryEntryInput[], db: Db = this.prisma): Promise<void> {
    if (entries.length === 0) return;
    const who = actingAs(actor);
    await db.patientHistory.createMany({
      data: entries.map((entry) => ({
        userId,
        event: entry.event,
        field: entry.field ?? null,
        oldValue: this.seal(entry.oldValue),
        newValue: this.seal(entry.newValue),
        reason: this.seal(entry.reason),
        channel,
        ...who,
        requestId: requestContext.requestId() ?? null,
      })),
    });
  }

  async list(userId: string): Promise<PatientHistoryEntry[]> {
    const rows = await this.prisma.patientHistory.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: HISTORY_PAGE });
    return rows.map((row) => this.toEntry(row));
  }

  async openFlags(userId: string, db: Db = this.prisma): Promise<PatientReviewFlag[]> {
    const rows = await db.patientReviewFlag.findMany({ where: { userId, resolvedAt: null }, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => this.toFlag(row));
  }

  async addFlag(userId: string, field: IdentityField, recordValue: string | null, cardValue: string | null, institutionId: string | null, db: Db = this.prisma): Promise<void> {
    await db.patientReviewFlag.create({ data: { userId, field, recordValue: this.seal(recordValue), cardValue: this.seal(cardValue), institutionId } });
  }

  /** Settles the given open flags (every open one when `ids` is undefined); answers the ones settled. */
  async resolveFlags(userId: string, ids: string[] | undefined, resolvedBy: string | null, db: Db = this.prisma): Promise<PatientReviewFlag[]> {
    const open = (await this.openFlags(userId, db)).filter((flag) => !ids || ids.includes(flag.id));
    if (open.length > 0) {
      await db.patientReviewFlag.updateMany({ where: { id: { in: open.map((flag) => flag.id) }, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedBy } });
    }
    return open;
  }

  private seal(value: string | null | undefined): string | null {
    return value === null || value === undefined || value === '' ? null : this.pii.encrypt(value);
  }

  private open(value: string | null): string | null {
    return value === null ? null : this.pii.decrypt(value);
  }

  private toEntry(row: PatientHistory): PatientHistoryEntry {
    return {
      id: row.id,
      event: row.event as PatientHistoryEvent,
      field: row.field,
      oldValue: this.open(row.oldValue),
      newValue: this.open(row.newValue),
      channel: row.channel as RecordChannel,
      actorKind: row.actorKind,
      actorId: row.actorId,
      actorRole: row.actorRole,
      reason: this.open(row.reason),
      createdAt: row.createdAt.toISOString(),
    };
  }

  private toFlag(row: ReviewFlagRow): PatientReviewFlag {
    return {
      id: row.id,
      field: row.field as IdentityField,
      recordValue: this.open(row.recordValue),
      cardValue: this.open(row.cardValue),
      createdAt: row.createdAt.toISOString(),
    };
  }
}

/**
 * Who acted: a service acting for a kiosk or a staff member (the ocr service confirming a card) is
 * recorded as that kiosk or person, never as an anonymous "system".
 */
function actingAs(actor: Actor): { actorKind: string; actorId: string | null; actorRole: string | null; institutionId: string | null } {
  const actorKind = actor.kioskKeyId ? 'kiosk' : actor.userId ? 'user' : actor.kind;
  return { actorKind, actorId: actor.kioskKeyId ?? actor.userId ?? null, actorRole: actor.role ?? null, institutionId: actor.institutionId ?? null };
}

/** The channel of a change: a kiosk, staff, the patient themselves, or MediQ itself. */
export function channelOf(actor: Actor): RecordChannel {
  if (actor.kioskKeyId || actor.kind === 'kiosk') return 'KIOSK';
  if (actor.userId && actor.role === 'PASIEN') return 'PATIENT';
  if (actor.userId) return 'STAFF';
  return 'SYSTEM';
}
