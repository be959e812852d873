import { TEST_REDIS_URL } from '@mediq/common/testing';
import { QueueContracts, QueueStats } from '@mediq/contracts';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { operatorOf, QueueStack } from './support/queue-stack';

jest.setTimeout(60_000);

/** A Redis database of this file's own, so FLUSHDB touches nobody else's keys. */
const REDIS_DB = 11;

describe('ETA and stats (real MariaDB and Redis, real institution service)', () => {
  const stack = new QueueStack({ REDIS_URL: `${TEST_REDIS_URL}/${REDIS_DB}` });
  const redis = new Redis(`${TEST_REDIS_URL}/${REDIS_DB}`);

  beforeAll(() => stack.start());
  afterAll(async () => {
    redis.disconnect();
    await stack.stop();
  });

  const add = (institutionId: string, serviceId: string, priority: 'URGENT' | 'NORMAL' = 'NORMAL') =>
    stack.rpc.call(
      QueueContracts.addToQueue,
      { institutionId, serviceId, patientUserId: randomUUID(), requestId: randomUUID(), source: 'OPERATOR', priority },
      { actor: { kind: 'system' } },
    );

  it('estimates the wait as people ahead x the recent service times smoothed with the configured minutes (those alone before any)', async () => {
    const { institutionId, services } = await stack.createInstitution([{ code: 'A', averageServiceMinutes: 12 }]);
    const serviceId = services[0].id;
    const operator = operatorOf(institutionId);
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push((await add(institutionId, serviceId)).ticket);
    expect(tickets.map((t) => t.ahead)).toEqual([0, 1, 2, 3, 4]);
    expect(tickets[4].etaMinutes).toBe(4 * 12);

    // Serve the first two, then script how long each took: 6 and 10 minutes.
    for (const [index, minutes] of [[0, 6], [1, 10]]) {
      const { ticket } = await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'L1' }, { actor: operator });
      expect(ticket!.id).toBe(tickets[index].id);
      await stack.rpc.call(QueueContracts.updateStatus, { id: ticket!.id, status: 'IN_PROGRESS' }, { actor: operator });
      await stack.rpc.call(QueueContracts.updateStatus, { id: ticket!.id, status: 'COMPLETED' }, { actor: operator });
      const completedAt = new Date(Date.UTC(2026, 10, 25, 2, index * 15));
      await stack.prisma.ticket.update({
        where: { id: ticket!.id },
        data: { startedAt: new Date(completedAt.getTime() - minutes * 60_000), completedAt },
      });
    }
    const last = await stack.rpc.call(QueueContracts.findOne, { id: tickets[4].id }, { actor: operator });
    // (6 + 10 + 12 x 3) / (2 + 3) = 10.4 minutes per patient (the configured 12 counts as 3 services).
    expect(last).toMatchObject({ ahead: 2, etaMinutes: Math.round(2 * 10.4) });

    // An URGENT arrival goes ahead of everyone waiting.
    const urgent = (await add(institutionId, serviceId, 'URGENT')).ticket;
    expect(urgent).toMatchObject({ ahead: 0, etaMinutes: 0 });
    expect(await stack.rpc.call(QueueContracts.findOne, { id: tickets[4].id }, { actor: operator })).toMatchObject({ ahead: 3, etaMinutes: Math.round(3 * 10.4) });
    const next = await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'L1' }, { actor: operator });
    expect(next.ticket!.id).toBe(urgent.id);
  });

  it('reports stats equal to a recount of the tickets table, after changes and after Redis is flushed', async () => {
    const { institutionId, services } = await stack.createInstitution([{ code: 'S' }, { code: 'T' }]);
    const operator = operatorOf(institutionId);
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push((await add(institutionId, services[i % 2].id)).ticket.id);
    // A second operator for ids[4], since the first still has ids[2] called (one patient per operator).
    const colleague = operatorOf(institutionId);
    const step = (id: string, status: 'IN_PROGRESS' | 'COMPLETED' | 'NO_SHOW', actor = operator) =>
      stack.rpc.call(QueueContracts.updateStatus, { id, status }, { actor });
    const call = (id: string, actor = operator) => stack.rpc.call(QueueContracts.call, { id, counter: 'L2' }, { actor });
    await call(ids[0]);
    await step(ids[0], 'IN_PROGRESS');
    await step(ids[0], 'COMPLETED');
    await call(ids[1]);
    await step(ids[1], 'NO_SHOW');
    await call(ids[2]);
    await stack.rpc.call(QueueContracts.cancel, { id: ids[3] }, { actor: operator });

    const stats = (serviceId?: string) => stack.rpc.call(QueueContracts.getStats, { institutionId, serviceId }, { actor: operator });
    const first = await stats();
    expect(first).toEqual(await recount(institutionId, first.date));
    expect(await stats(services[0].id)).toEqual(await recount(institutionId, first.date, services[0].id));
    expect(await redis.keys(`${stack.env.RMQ_PREFIX}mediq:queue:stats:${institutionId}:*`)).not.toHaveLength(0);

    await call(ids[4], colleague);
    await step(ids[4], 'IN_PROGRESS', colleague);
    const afterChange = await stats();
    expect(afterChange).toEqual(await recount(institutionId, first.date));
    expect(afterChange.inProgress).toBe(first.inProgress + 1);

    await redis.flushdb();
    await step(ids[4], 'COMPLETED', colleague);
    expect(await stats()).toEqual(await recount(institutionId, first.date));
    await redis.flushdb();
    expect(await stats(services[1].id)).toEqual(await recount(institutionId, first.date, services[1].id));
  });

  /** The same numbers straight from SQL, independent of the service's arithmetic. */
  async function recount(institutionId: string, date: string, serviceId?: string): Promise<QueueStats> {
    const service = serviceId ? `AND serviceId = '${serviceId}'` : '';
    const [row] = await stack.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT COUNT(*) total,
        SUM(status = 'WAITING') waiting, SUM(status = 'CALLED') called, SUM(status = 'IN_PROGRESS') inProgress,
        SUM(status = 'COMPLETED') served, SUM(status = 'NO_SHOW') noShows, SUM(status = 'CANCELLED') cancelled,
        SUM(status = 'TRANSFERRED') transferred,
        ROUND(AVG(CASE WHEN calledAt IS NOT NULL THEN TIMESTAMPDIFF(MICROSECOND, createdAt, calledAt) / 60000000 END), 2) averageWait,
        ROUND(AVG(CASE WHEN status = 'COMPLETED' THEN TIMESTAMPDIFF(MICROSECOND, startedAt, completedAt) / 60000000 END), 2) averageService
       FROM tickets WHERE institutionId = ? AND localDate = ? ${service}`,
      institutionId,
      date,
    );
    const hours = await stack.prisma.$queryRawUnsafe<Array<{ hour: string; issued: unknown; served: unknown }>>(
      `SELECT hour, SUM(issued) issued, SUM(served) served FROM (
         SELECT DATE_FORMAT(CONVERT_TZ(createdAt, '+00:00', '+07:00'), '%H') hour, 1 issued, 0 served FROM tickets WHERE institutionId = ? AND localDate = ? ${service}
         UNION ALL
         SELECT DATE_FORMAT(CONVERT_TZ(completedAt, '+00:00', '+07:00'), '%H'), 0, 1 FROM tickets WHERE institutionId = ? AND localDate = ? AND status = 'COMPLETED' ${service}
       ) h GROUP BY hour ORDER BY hour`,
      institutionId,
      date,
      institutionId,
      date,
    );
    const laneRows = await stack.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT CASE priority WHEN 'URGENT' THEN 'URGENT' WHEN 'HIGH' THEN 'PRIORITY' ELSE 'GENERAL' END lane, COUNT(*) total,
        SUM(status = 'WAITING') waiting, SUM(status = 'COMPLETED') served,
        ROUND(AVG(CASE WHEN calledAt IS NOT NULL THEN TIMESTAMPDIFF(MICROSECOND, createdAt, calledAt) / 60000000 END), 2) averageWait
       FROM tickets WHERE institutionId = ? AND localDate = ? ${service} GROUP BY lane`,
      institutionId,
      date,
    );
    const n = (value: unknown) => Number(value ?? 0);
    const minutes = (value: unknown) => (value === null || value === undefined ? null : Number(value));
    const lane = (name: string) => {
      const found = laneRows.find((r) => r.lane === name);
      return { total: n(found?.total), waiting: n(found?.waiting), served: n(found?.served), averageWaitMinutes: minutes(found?.averageWait) };
    };
    return {
      institutionId,
      serviceId: serviceId ?? null,
      date,
      total: n(row.total),
      waiting: n(row.waiting),
      called: n(row.called),
      inProgress: n(row.inProgress),
      served: n(row.served),
      noShows: n(row.noShows),
      cancelled: n(row.cancelled),
      transferred: n(row.transferred),
      averageWaitMinutes: minutes(row.averageWait),
      averageServiceMinutes: minutes(row.averageService),
      perHour: hours.map((h) => ({ hour: h.hour, issued: n(h.issued), served: n(h.served) })),
      lanes: { URGENT: lane('URGENT'), PRIORITY: lane('PRIORITY'), GENERAL: lane('GENERAL') },
    };
  }
});
