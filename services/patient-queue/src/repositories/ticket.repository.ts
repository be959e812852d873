import { Injectable } from '@nestjs/common';
import { ACTIVE_TICKET_STATUSES, TicketPriority, TicketStatus, TICKET_PRIORITIES } from '@mediq/contracts';
import { SqlReader, SqlTransaction, utcDate } from '@mediq/common';
import { PrismaService } from '../database/prisma.service';
import { QueueReadPool } from '../database/read-pool.service';
import { QueueWritePool } from '../database/write-pool.service';
import { insertStatement, TICKET_COLUMNS, TICKET_FIELDS, ticketFromRow } from './ticket-row';
import { Prisma, Ticket, TicketTransition } from '../generated/prisma/client';

/** A write transaction's handle (QueueWritePool). */
export type Tx = SqlTransaction;
/** Where a read runs: in a transaction (its locks and its own writes), or on the read pool. */
export type Db = SqlReader;

/** What a status change may set on a ticket (updatedAt is set with it). */
export type TicketChanges = Partial<Omit<Ticket, 'id' | 'createdAt' | 'updatedAt'>>;

/** The columns an audit row is written with: all but the AUTO_INCREMENT id (ticket-row.spec.ts). */
export const TRANSITION_INSERT_FIELDS = [
  'ticketId', 'fromStatus', 'toStatus', 'actorKind', 'actorId', 'actorRole', 'counter', 'requestId', 'at',
] as const satisfies ReadonlyArray<keyof TicketTransition>;

/** A `YYYY-MM-DD` local day as the DATE column value Prisma expects (midnight UTC). */
export function dateValue(localDate: string): Date {
  return new Date(`${localDate}T00:00:00.000Z`);
}

export function dateString(value: Date): string {
  return value.toISOString().slice(0, 10);
}

const SELECT_TICKET_BY_ID = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ?`;
const SELECT_TICKET_BY_REQUEST_ID = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE requestId = ?`;
const SELECT_TICKET_SERVED_BY = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE servingOperatorId = ?`;
/** The ticket an earlier call-next with this idempotency key called, and the one the operator holds (often the same). */
const SELECT_CALL_STATE = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE callRequestId = ? OR servingOperatorId = ?`;
const SELECT_TICKET_BY_ACTIVE_KEY = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE activeKey = ?`;
const LOCK_TICKET_BY_ID = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ? FOR UPDATE`;
const INSERT_TICKET = insertStatement('tickets', TICKET_FIELDS);
const INSERT_TRANSITION = insertStatement('ticket_transitions', TRANSITION_INSERT_FIELDS);

/** SQL expressions naming the ticket whose place is counted: statement parameters, or the outer row's columns. */
interface TicketRef {
  institutionId: string;
  serviceId: string;
  id: string;
  /** Its priority's declaration index (ENUM + 0, 1-based), which is the call order. */
  priorityIndex: string;
  priority: string;
  queuedAt: string;
}

/** The strict-priority rule: WAITING tickets of the same service called before `t` by priority, then arrival, then id. */
function countAheadStrictOf(t: TicketRef): string {
  return `(SELECT COUNT(*) FROM tickets ahead
    WHERE ahead.institutionId = ${t.institutionId} AND ahead.serviceId = ${t.serviceId} AND ahead.status = 'WAITING' AND ahead.id <> ${t.id}
      AND (ahead.priority + 0 < ${t.priorityIndex} OR (ahead.priority = ${t.priority} AND (ahead.queuedAt < ${t.queuedAt} OR (ahead.queuedAt = ${t.queuedAt} AND ahead.id < ${t.id})))))`;
}

/** Parameters, in order: institutionId, serviceId, id, priority index, priority, queuedAt, queuedAt, id. */
const COUNT_AHEAD_STRICT = `SELECT ${countAheadStrictOf({ institutionId: '?', serviceId: '?', id: '?', priorityIndex: '?', priority: '?', queuedAt: '?' })} AS ahead`;

/** The ticket read in one round trip: the row, and for a WAITING ticket the strict count ahead. */
const SELECT_TICKET_WITH_STRICT_AHEAD = `SELECT ${TICKET_COLUMNS},
  CASE WHEN t.status = 'WAITING' THEN ${countAheadStrictOf({
    institutionId: 't.institutionId',
    serviceId: 't.serviceId',
    id: 't.id',
    priorityIndex: 't.priority + 0',
    priority: 't.priority',
    queuedAt: 't.queuedAt',
  })} ELSE 0 END AS strictAhead
  FROM tickets t WHERE t.id = ?`;

type Place = Pick<Ticket, 'id' | 'institutionId' | 'serviceId' | 'priority' | 'queuedAt'>;

/** COUNT_AHEAD_STRICT's parameters for a ticket. */
function strictAheadParameters(ticket: Place): unknown[] {
  return [ticket.institutionId, ticket.serviceId, ticket.id, TICKET_PRIORITIES.indexOf(ticket.priority) + 1, ticket.priority, ticket.queuedAt, ticket.queuedAt, ticket.id];
}

/** The service's WAITING tickets, and those strict priority calls before one of them: institutionId, serviceId, then COUNT_AHEAD_STRICT's parameters. */
const COUNT_WAITING_AND_AHEAD_STRICT = `SELECT
  (SELECT COUNT(*) FROM tickets WHERE institutionId = ? AND serviceId = ? AND status = 'WAITING') AS waiting,
  ${countAheadStrictOf({ institutionId: '?', serviceId: '?', id: '?', priorityIndex: '?', priority: '?', queuedAt: '?' })} AS ahead`;

/** The first WAITING ticket in call order among `priorities` that no other transaction holds, locked with its row. */
function lockNextWaitingStatement(priorities: number): string {
  return `SELECT ${TICKET_COLUMNS} FROM tickets
    WHERE institutionId = ? AND serviceId = ? AND status = 'WAITING' AND priority IN (${Array(priorities).fill('?').join(', ')})
    ORDER BY priority, queuedAt, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED`;
}

const WAITING_IN_ORDER = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE institutionId = ? AND serviceId = ? AND status = 'WAITING' ORDER BY priority, queuedAt, id`;
const COUNT_WAITING = `SELECT COUNT(*) AS waiting FROM tickets WHERE institutionId = ? AND serviceId = ? AND status = 'WAITING'`;
const FIRST_WAITING_OF_PRIORITY = `SELECT ${TICKET_COLUMNS} FROM tickets
  WHERE institutionId = ? AND serviceId = ? AND status = 'WAITING' AND priority = ? ORDER BY queuedAt, id LIMIT 1`;
/** The priority and first call time of a service's latest calls of a day, newest first (the (institutionId, serviceId, localDate, calledAt) index). */
const CALLED_TODAY = `SELECT priority, calledAt FROM tickets
  WHERE institutionId = ? AND serviceId = ? AND localDate = ? AND calledAt IS NOT NULL ORDER BY calledAt DESC LIMIT ?`;
const LAST_TRANSITION = 'SELECT fromStatus, actorId FROM ticket_transitions WHERE ticketId = ? ORDER BY id DESC LIMIT 1';

/**
 * Takes the next number of a service's day in one statement: creates the day's row or increments it, which
 * locks the row until the transaction ends (every issue for that service and day waits here), and returns,
 * read under that lock, the patient's active ticket there and, for a quota, the tickets it counts (all but
 * cancelled ones). A refusal rolls the transaction back, which gives the number back.
 */
function takeNumberStatement(countIssued: boolean): string {
  const issued = countIssued ? "(SELECT COUNT(*) FROM tickets WHERE institutionId = ? AND serviceId = ? AND localDate = ? AND status <> 'CANCELLED')" : 'NULL';
  return `INSERT INTO daily_sequences (institutionId, serviceId, localDate, lastValue) VALUES (?, ?, ?, 1)
    ON DUPLICATE KEY UPDATE lastValue = lastValue + 1
    RETURNING lastValue AS sequence, (SELECT id FROM tickets WHERE activeKey = ?) AS activeTicketId, ${issued} AS issued`;
}


const RECENT_SERVICE_MINUTES = `
  SELECT SUM(TIMESTAMPDIFF(MICROSECOND, startedAt, completedAt)) / 60000000 AS minutes, COUNT(*) AS count FROM (
    SELECT startedAt, completedAt FROM tickets
    WHERE serviceId = ? AND institutionId = ? AND status = 'COMPLETED' AND startedAt IS NOT NULL
    ORDER BY completedAt DESC
    LIMIT ?
  ) recent`;

/** Tickets and their daily number sequences. The call order is priority (ENUM index), then arrival, then id. */
@Injectable()
export class TicketRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly reads: QueueReadPool,
    private readonly writes: QueueWritePool,
  ) {}

  /**
   * Runs `work` in a READ COMMITTED transaction on a plain driver connection (QueueWritePool), retrying it
   * when InnoDB picks it as a deadlock victim.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.writes.transaction(work);
  }

  async findById(id: string, db: Db = this.reads): Promise<Ticket | null> {
    return firstTicket(await db.execute<Record<string, unknown>>(SELECT_TICKET_BY_ID, [id]));
  }

  /**
   * The ticket and the WAITING tickets strict priority calls before it (0 unless it waits), in one
   * statement on the read pool: the ticket read's hot path. Whether the service calls by strict
   * priority is the caller's to decide (PositionService).
   */
  async findWithStrictAhead(id: string): Promise<{ ticket: Ticket; strictAhead: number } | null> {
    const [row] = await this.reads.execute<Record<string, unknown>>(SELECT_TICKET_WITH_STRICT_AHEAD, [id]);
    if (!row) return null;
    const { strictAhead, ...columns } = row;
    return { ticket: ticketFromRow(columns), strictAhead: Number(strictAhead) };
  }

  async findByRequestId(requestId: string): Promise<Ticket | null> {
    const [row] = await this.reads.execute<Record<string, unknown>>(SELECT_TICKET_BY_REQUEST_ID, [requestId]);
    return row ? ticketFromRow(row) : null;
  }

  /** The CALLED or IN_PROGRESS ticket an operator holds, if any. */
  async findServedBy(operatorId: string): Promise<Ticket | null> {
    const [row] = await this.reads.execute<Record<string, unknown>>(SELECT_TICKET_SERVED_BY, [operatorId]);
    return row ? ticketFromRow(row) : null;
  }

  /** Before a call-next, in one read: the ticket an earlier call with this key called, and the ticket the operator holds. */
  async callState(callRequestId: string | null, operatorId: string | null): Promise<{ called: Ticket | null; held: Ticket | null }> {
    const rows = (await this.reads.execute<Record<string, unknown>>(SELECT_CALL_STATE, [callRequestId, operatorId])).map(ticketFromRow);
    return {
      called: (callRequestId && rows.find((t) => t.callRequestId === callRequestId)) || null,
      held: (operatorId && rows.find((t) => t.servingOperatorId === operatorId)) || null,
    };
  }

  async findByActiveKey(tx: Tx, activeKey: string): Promise<Ticket | null> {
    return firstTicket(await tx.execute<Record<string, unknown>>(SELECT_TICKET_BY_ACTIVE_KEY, [activeKey]));
  }

  /** Locks one ticket row for the rest of the transaction, and reads it. */
  async lockById(tx: Tx, id: string): Promise<Ticket | null> {
    return firstTicket(await tx.execute<Record<string, unknown>>(LOCK_TICKET_BY_ID, [id]));
  }

  /**
   * Locks the first WAITING ticket in call order that no other transaction holds. Concurrent
   * callers skip each other's locked rows, so each ticket goes to exactly one of them.
   */
  async lockNextWaiting(tx: Tx, institutionId: string, serviceId: string, priorities: readonly TicketPriority[] = TICKET_PRIORITIES): Promise<Ticket | null> {
    return firstTicket(await tx.execute<Record<string, unknown>>(lockNextWaitingStatement(priorities.length), [institutionId, serviceId, ...priorities]));
  }

  /**
   * Takes the next number of a service's day (takeNumberStatement: one statement, INSERT ... ON DUPLICATE KEY
   * UPDATE, which also avoids the deadlock of INSERT IGNORE + SELECT FOR UPDATE under concurrent first calls);
   * the row stays locked until the transaction ends. With it, read under the lock: the patient's active
   * ticket of that day (by its activeKey) and, when `countIssued`, the tickets counted against a quota.
   */
  async takeNumber(
    tx: Tx,
    day: { institutionId: string; serviceId: string; localDate: string },
    activeKey: string,
    countIssued: boolean,
  ): Promise<{ sequence: number; activeTicketId: string | null; issued: number | null }> {
    const { institutionId, serviceId, localDate } = day;
    const values = [institutionId, serviceId, localDate, activeKey, ...(countIssued ? [institutionId, serviceId, localDate] : [])];
    const [row] = await tx.execute<{ sequence: number; activeTicketId: string | null; issued: number | null }>(takeNumberStatement(countIssued), values);
    return { sequence: Number(row.sequence), activeTicketId: row.activeTicketId, issued: row.issued === null ? null : Number(row.issued) };
  }

  /** Per service, the tickets of a day counted against the quota (all but cancelled ones). */
  async issuedPerService(institutionId: string, localDate: string): Promise<Record<string, number>> {
    const rows = await this.prisma.ticket.groupBy({
      by: ['serviceId'],
      where: { institutionId, localDate: dateValue(localDate), status: { not: 'CANCELLED' } },
      _count: { _all: true },
    });
    return Object.fromEntries(rows.map((row) => [row.serviceId, row._count._all]));
  }

  /**
   * WAITING tickets that strict priority (priority, arrival, id) calls before this one: one COUNT over the
   * (institutionId, serviceId, status, priority, queuedAt) index, no rows read.
   */
  async countAheadStrict(ticket: Place, db: Db = this.reads): Promise<number> {
    const rows = await db.execute<{ ahead: number }>(COUNT_AHEAD_STRICT, strictAheadParameters(ticket));
    return Number(rows[0]?.ahead ?? 0);
  }

  /**
   * In one statement, the service's WAITING tickets (this one included if it waits) and those strict priority
   * calls before it (0 unless it waits): the position and the `waiting` of a change's events.
   */
  async waitingAndAheadStrict(ticket: Place & Pick<Ticket, 'status'>, db: Db): Promise<{ waiting: number; ahead: number }> {
    const [row] = await db.execute<{ waiting: number; ahead: number }>(COUNT_WAITING_AND_AHEAD_STRICT, [
      ticket.institutionId,
      ticket.serviceId,
      ...strictAheadParameters(ticket),
    ]);
    return { waiting: Number(row.waiting), ahead: ticket.status === 'WAITING' ? Number(row.ahead) : 0 };
  }

  /** WAITING tickets of a service in priority, arrival, id order (the lanes are applied by call-order.ts); the first `take` if given. */
  async waitingOf(institutionId: string, serviceId: string, db: Db = this.reads, take?: number): Promise<Ticket[]> {
    const sql = take ? `${WAITING_IN_ORDER} LIMIT ?` : WAITING_IN_ORDER;
    const values = take ? [institutionId, serviceId, take] : [institutionId, serviceId];
    return (await db.execute<Record<string, unknown>>(sql, values)).map(ticketFromRow);
  }

  /** The priority and first call time of a service's latest calls of the day, newest first: where the lane ratio stands. */
  async calledToday(
    institutionId: string,
    serviceId: string,
    localDate: string,
    take: number,
    db: Db = this.reads,
  ): Promise<Array<Pick<Ticket, 'priority' | 'calledAt'>>> {
    const rows = await db.execute<{ priority: TicketPriority; calledAt: string }>(CALLED_TODAY, [institutionId, serviceId, localDate, take]);
    return rows.map((row) => ({ priority: row.priority, calledAt: utcDate(row.calledAt) }));
  }

  async countWaiting(institutionId: string, serviceId: string, db: Db = this.reads): Promise<number> {
    const [row] = await db.execute<{ waiting: number }>(COUNT_WAITING, [institutionId, serviceId]);
    return Number(row.waiting);
  }

  /** The WAITING ticket of `priority` that arrived first, if any. */
  async firstWaitingOf(institutionId: string, serviceId: string, priority: TicketPriority, db: Db = this.reads): Promise<Ticket | null> {
    return firstTicket(await db.execute<Record<string, unknown>>(FIRST_WAITING_OF_PRIORITY, [institutionId, serviceId, priority]));
  }

  /** Who made a ticket's latest change, and from which status. */
  async lastTransition(ticketId: string, db: Db = this.reads): Promise<Pick<TicketTransition, 'fromStatus' | 'actorId'> | null> {
    const [row] = await db.execute<Pick<TicketTransition, 'fromStatus' | 'actorId'>>(LAST_TRANSITION, [ticketId]);
    return row ?? null;
  }

  /** Total minutes from start to completion over the service's last `window` completed tickets, and how many there were. */
  async recentServiceMinutes(institutionId: string, serviceId: string, window: number): Promise<{ total: number; count: number }> {
    const rows = await this.reads.execute<{ minutes: number | null; count: number }>(RECENT_SERVICE_MINUTES, [serviceId, institutionId, window]);
    return { total: Number(rows[0]?.minutes ?? 0), count: Number(rows[0]?.count ?? 0) };
  }

  /** Writes a whole new ticket row (every column, INSERT_TICKET). */
  async insert(tx: Tx, ticket: Ticket): Promise<void> {
    await tx.write(INSERT_TICKET, TICKET_FIELDS.map((field) => ticket[field]));
  }

  /**
   * Writes `changes` to a ticket this transaction holds locked (`locked` is its row as read under the lock),
   * and returns the row as it now stands, without reading it back.
   */
  async update(tx: Tx, locked: Ticket, changes: TicketChanges): Promise<Ticket> {
    const fields = (Object.keys(changes) as Array<keyof TicketChanges>).filter((field) => changes[field] !== undefined);
    const unknown = fields.find((field) => !TICKET_FIELDS.includes(field));
    if (unknown) throw new Error(`tickets has no column ${unknown}`);
    const updated: Ticket = { ...locked, ...changes, updatedAt: new Date() };
    await tx.write(`UPDATE tickets SET ${[...fields, 'updatedAt'].map((field) => `${field} = ?`).join(', ')} WHERE id = ?`, [
      ...fields.map((field) => updated[field]),
      updated.updatedAt,
      locked.id,
    ]);
    return updated;
  }

  async recordTransition(tx: Tx, transition: Omit<TicketTransition, 'id'>): Promise<void> {
    await tx.write(INSERT_TRANSITION, TRANSITION_INSERT_FIELDS.map((field) => transition[field]));
  }

  history(ticketId: string) {
    return this.prisma.ticketTransition.findMany({ where: { ticketId }, orderBy: { id: 'asc' } });
  }

  async list(filter: { institutionId: string; serviceId?: string; status?: TicketStatus; localDate?: string }, page: number, pageSize: number) {
    const where: Prisma.TicketWhereInput = {
      institutionId: filter.institutionId,
      ...(filter.serviceId ? { serviceId: filter.serviceId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.localDate ? { localDate: dateValue(filter.localDate) } : {}),
    };
    const [items, total] = await Promise.all([
      this.prisma.ticket.findMany({
        where,
        orderBy: [{ localDate: 'desc' }, { priority: 'asc' }, { queuedAt: 'asc' }, { id: 'asc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.ticket.count({ where }),
    ]);
    return { items, total };
  }

  /** The latest transitions to CALLED of an institution's day (calls and recalls), newest first, with their tickets. */
  recentCalls(institutionId: string, localDate: string, take: number) {
    return this.prisma.ticketTransition.findMany({
      where: { toStatus: 'CALLED', ticket: { institutionId, localDate: dateValue(localDate) } },
      orderBy: { id: 'desc' },
      take,
      include: { ticket: true },
    });
  }

  activeForPatient(patientUserId: string): Promise<Ticket[]> {
    return this.prisma.ticket.findMany({
      where: { patientUserId, status: { in: [...ACTIVE_TICKET_STATUSES] } },
      orderBy: [{ localDate: 'desc' }, { queuedAt: 'asc' }],
    });
  }

  /** Every ticket of an institution's day (optionally one service): the input of stats and the board. */
  forDay(institutionId: string, localDate: string, serviceId?: string): Promise<Ticket[]> {
    return this.prisma.ticket.findMany({
      where: { institutionId, localDate: dateValue(localDate), ...(serviceId ? { serviceId } : {}) },
      orderBy: [{ priority: 'asc' }, { queuedAt: 'asc' }, { id: 'asc' }],
    });
  }
}

/** The first row of a ticket query as a Ticket, if any. */
function firstTicket(rows: Array<Record<string, unknown>>): Ticket | null {
  return rows.length ? ticketFromRow(rows[0]) : null;
}
