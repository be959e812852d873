import { Injectable } from '@nestjs/common';
import { QueueEvent, queueEventRoutingKey } from '@mediq/contracts';
import { PrismaService } from '../database/prisma.service';
import { QueueWritePool } from '../database/write-pool.service';
import { OutboxEvent } from '../generated/prisma/client';
import { Tx } from './ticket.repository';
import { insertStatement } from './ticket-row';

/** The columns an event is written with: all but the AUTO_INCREMENT id (ticket-row.spec.ts). */
export const OUTBOX_INSERT_FIELDS = ['eventId', 'routingKey', 'payload', 'createdAt', 'publishedAt', 'attempts'] as const satisfies ReadonlyArray<keyof OutboxEvent>;

/** The oldest unpublished events, locked against other replicas' relays: id, eventId, routingKey, payload. */
const LOCK_PENDING = 'SELECT id, eventId, routingKey, payload FROM outbox_events WHERE publishedAt IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED';

export interface PendingEvent {
  id: number;
  eventId: string;
  routingKey: string;
  body: string;
}

/** The transactional outbox: events are written in the same transaction as the change they describe. */
@Injectable()
export class OutboxRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly writes: QueueWritePool,
  ) {}

  /** Writes a change's events in one statement. */
  async add(tx: Tx, events: QueueEvent[]): Promise<void> {
    if (!events.length) return;
    const now = new Date();
    const rows = events.map((event) => ({
      eventId: event.eventId,
      routingKey: queueEventRoutingKey(event.institutionId, event.serviceId, event.type),
      payload: JSON.stringify(event),
      createdAt: now,
      publishedAt: null,
      attempts: 0,
    }));
    await tx.write(insertStatement('outbox_events', OUTBOX_INSERT_FIELDS, rows.length), rows.flatMap((row) => OUTBOX_INSERT_FIELDS.map((field) => row[field])));
  }

  /**
   * Hands a batch of unpublished events, locked against other replicas' relays, to `publish`;
   * marks them published only if it resolves (publisher confirms received).
   */
  async publishBatch(limit: number, publish: (events: PendingEvent[]) => Promise<void>): Promise<number> {
    return this.writes.transaction(async (tx) => {
      const rows = await tx.execute<{ id: number; eventId: string; routingKey: string; payload: string }>(LOCK_PENDING, [limit]);
      if (!rows.length) return 0;
      await publish(rows.map((row) => ({ id: row.id, eventId: row.eventId, routingKey: row.routingKey, body: row.payload })));
      await tx.write(`UPDATE outbox_events SET publishedAt = ? WHERE id IN (${rows.map(() => '?').join(', ')})`, [new Date(), ...rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  async recordFailedAttempt(): Promise<void> {
    await this.prisma.outboxEvent.updateMany({ where: { publishedAt: null }, data: { attempts: { increment: 1 } } });
  }

  /** Deletes events published before `cutoff`; unpublished ones are never deleted. */
  async deletePublishedBefore(cutoff: Date): Promise<number> {
    const { count } = await this.prisma.outboxEvent.deleteMany({ where: { publishedAt: { not: null, lt: cutoff } } });
    return count;
  }
}
