import { Injectable } from '@nestjs/common';
import { ACTIVE_TICKET_STATUSES, TicketPriority, TicketStatus, TICKET_PRIORITIES } from '@mediq/contracts';
import { utcDateTime } from '@mediq/common';
import { PrismaService } from '../database/prisma.service';
import { QueueReadPool } from '../database/read-pool.service';
import { TICKET_COLUMNS, ticketFromRow } from './ticket-row';
import { Prisma, Ticket } from '../generated/prisma/client';

export type Tx = Prisma.TransactionClient;
export type Db = Tx | PrismaService;

const TRANSACTION_ATTEMPTS = 4;

/** A `YYYY-MM-DD` local day as the DATE column value Prisma expects (midnight UTC). */
export function dateValue(localDate: string): Date {
  return new Date(`${localDate}T00:00:00.000Z`);
}

export function dateString(value: Date): string {
  return value.toISOString().slice(0, 10);
}

const SELECT_TICKET_BY_ID = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ?`;

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
  ) {}

  /**
   * Runs `work` in a READ COMMITTED transaction (locking reads see the latest committed rows and
   * take no gap locks), retrying it when InnoDB picks it as a deadlock victim.
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.prisma.$transaction(work, { isolationLevel: 'ReadCommitted', maxWait: 10_000, timeout: 15_000 });
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
      }
    }
  }

  /** In a transaction through Prisma; outside one, a prepared statement on the read pool (a third of the CPU). */
  async findById(id: string, db?: Db): Promise<Ticket | null> {
    if (db) return db.ticket.findUnique({ where: { id } });
    const [row] = await this.reads.execute<Record<string, unknown>>(SELECT_TICKET_BY_ID, [id]);
    return row ? ticketFromRow(row) : null;
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

  findByRequestId(requestId: string): Promise<Ticket | null> {
    return this.prisma.ticket.findUnique({ where: { requestId } });
  }

  findByCallRequestId(callRequestId: string): Promise<Ticket | null> {
    return this.prisma.ticket.findUnique({ where: { callRequestId } });
  }

  /** The CALLED or IN_PROGRESS ticket an operator holds, if any. */
  findServedBy(operatorId: string, db: Db = this.prisma): Promise<Ticket | null> {
    return db.ticket.findUnique({ where: { servingOperatorId: operatorId } });
  }

  findByActiveKey(tx: Tx, activeKey: string): Promise<Ticket | null> {
    return tx.ticket.findUnique({ where: { activeKey } });
  }

  /** Locks one ticket row for the rest of the transaction. */
  async lockById(tx: Tx, id: string): Promise<Ticket | null> {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM tickets WHERE id = ${id} FOR UPDATE`;
    return rows.length ? tx.ticket.findUnique({ where: { id } }) : null;
  }

  /**
   * Locks the first WAITING ticket in call order that no other transaction holds. Concurrent
   * callers skip each other's locked rows, so each ticket goes to exactly one of them.
   */
  async lockNextWaiting(tx: Tx, institutionId: string, serviceId: string, priorities: readonly TicketPriority[] = TICKET_PRIORITIES): Promise<Ticket | null> {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM tickets
      WHERE institutionId = ${institutionId} AND serviceId = ${serviceId} AND status = 'WAITING' AND priority IN (${Prisma.join([...priorities])})
      ORDER BY priority, queuedAt, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    return rows.length ? tx.ticket.findUnique({ where: { id: rows[0].id } }) : null;
  }

  /** Takes the next display sequence of a service's day; the row stays locked until the transaction ends. */
  async lockSequence(tx: Tx, institutionId: string, serviceId: string, localDate: string): Promise<number> {
    // One statement that creates the row or, when it exists, takes its exclusive lock (the no-op
    // update still locks); INSERT IGNORE + SELECT FOR UPDATE deadlocks under concurrent first calls.
    await tx.$executeRaw`
      INSERT INTO daily_sequences (institutionId, serviceId, localDate, lastValue)
      VALUES (${institutionId}, ${serviceId}, ${localDate}, 0)
      ON DUPLICATE KEY UPDATE lastValue = lastValue`;
    const rows = await tx.$queryRaw<Array<{ lastValue: number | bigint }>>`
      SELECT lastValue FROM daily_sequences
      WHERE institutionId = ${institutionId} AND serviceId = ${serviceId} AND localDate = ${localDate}
      FOR UPDATE`;
    return Number(rows[0].lastValue);
  }

  async saveSequence(tx: Tx, institutionId: string, serviceId: string, localDate: string, value: number): Promise<void> {
    await tx.$executeRaw`
      UPDATE daily_sequences SET lastValue = ${value}
      WHERE institutionId = ${institutionId} AND serviceId = ${serviceId} AND localDate = ${localDate}`;
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

  /** Tickets that count against the daily quota: every one issued that day except cancelled ones. */
  countIssued(tx: Tx, institutionId: string, serviceId: string, localDate: string): Promise<number> {
    return tx.ticket.count({ where: { institutionId, serviceId, localDate: dateValue(localDate), status: { not: 'CANCELLED' } } });
  }

  /**
   * WAITING tickets that strict priority (priority, arrival, id) calls before this one: one COUNT over the
   * (institutionId, serviceId, status, priority, queuedAt) index, no rows read. In a transaction through
   * Prisma; outside one through the read pool's prepared statement (the ticket read's hot path).
   */
  async countAheadStrict(ticket: Pick<Ticket, 'id' | 'institutionId' | 'serviceId' | 'priority' | 'queuedAt'>, db?: Db): Promise<number> {
    const queuedAt = utcDateTime(ticket.queuedAt);
    const values = [ticket.institutionId, ticket.serviceId, ticket.id, TICKET_PRIORITIES.indexOf(ticket.priority) + 1, ticket.priority, queuedAt, queuedAt, ticket.id];
    const rows = db ? await db.$queryRawUnsafe<Array<{ ahead: number | bigint }>>(COUNT_AHEAD_STRICT, ...values) : await this.reads.execute<{ ahead: number }>(COUNT_AHEAD_STRICT, values);
    return Number(rows[0]?.ahead ?? 0);
  }

  /** WAITING tickets of a service in priority, arrival, id order (the lanes are applied by call-order.ts); the first `take` if given. */
  waitingOf(institutionId: string, serviceId: string, db: Db = this.prisma, take?: number): Promise<Ticket[]> {
    return db.ticket.findMany({
      where: { institutionId, serviceId, status: 'WAITING' },
      orderBy: [{ priority: 'asc' }, { queuedAt: 'asc' }, { id: 'asc' }],
      ...(take ? { take } : {}),
    });
  }

  /** The priority and first call time of a service's latest calls of the day, newest first: where the lane ratio stands. */
  calledToday(institutionId: string, serviceId: string, localDate: string, take: number, db: Db = this.prisma) {
    return db.ticket.findMany({
      where: { institutionId, serviceId, localDate: dateValue(localDate), calledAt: { not: null } },
      orderBy: { calledAt: 'desc' },
      take,
      select: { priority: true, calledAt: true },
    });
  }

  countWaiting(institutionId: string, serviceId: string, db: Db = this.prisma): Promise<number> {
    return db.ticket.count({ where: { institutionId, serviceId, status: 'WAITING' } });
  }


  /** The WAITING ticket of `priority` that arrived first, if any. */
  firstWaitingOf(institutionId: string, serviceId: string, priority: TicketPriority, db: Db = this.prisma): Promise<Ticket | null> {
    return db.ticket.findFirst({ where: { institutionId, serviceId, status: 'WAITING', priority }, orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }] });
  }

  /** The latest audit row of a ticket. */
  lastTransition(ticketId: string, db: Db = this.prisma) {
    return db.ticketTransition.findFirst({ where: { ticketId }, orderBy: { id: 'desc' } });
  }

  /** Total minutes from start to completion over the service's last `window` completed tickets, and how many there were. */
  async recentServiceMinutes(institutionId: string, serviceId: string, window: number): Promise<{ total: number; count: number }> {
    const rows = await this.reads.execute<{ minutes: number | null; count: number }>(RECENT_SERVICE_MINUTES, [serviceId, institutionId, window]);
    return { total: Number(rows[0]?.minutes ?? 0), count: Number(rows[0]?.count ?? 0) };
  }

  create(tx: Tx, data: Prisma.TicketUncheckedCreateInput): Promise<Ticket> {
    return tx.ticket.create({ data });
  }

  update(tx: Tx, id: string, data: Prisma.TicketUncheckedUpdateInput): Promise<Ticket> {
    return tx.ticket.update({ where: { id }, data });
  }

  async recordTransition(tx: Tx, data: Prisma.TicketTransitionUncheckedCreateInput): Promise<void> {
    await tx.ticketTransition.create({ data });
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

/** A deadlock or lock-wait timeout: the transaction was rolled back and may simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code === 'P2034') return true;
  const text = error instanceof Error ? error.message : String(error);
  return /deadlock|lock wait timeout|1213|1205/i.test(text);
}

/** A unique constraint violation, with the constraint's fields when Prisma names them. */
export function uniqueViolation(error: unknown): string | null {
  const known = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } } } };
  if (known.code !== 'P2002') return null;
  const constraint = known.meta?.driverAdapterError?.cause?.constraint;
  const target = known.meta?.target;
  return constraint?.index ?? constraint?.fields?.join(',') ?? (Array.isArray(target) ? target.join(',') : String(target ?? 'unknown'));
}
