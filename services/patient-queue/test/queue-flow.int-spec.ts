import { DomainError, SYSTEM_ACTOR } from '@mediq/common';
import { ErrorCode, InstitutionContracts, QueueContracts, QueueEvent, queueEventsExchange, TicketStatus, TicketWithPosition } from '@mediq/contracts';
import { ChannelModel, connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { TicketRepository } from '../src/repositories/ticket.repository';
import { OutboxRelay } from '../src/services/outbox-relay.service';
import { toTicketView } from '../src/services/ticket-view';
import { kioskOf, operatorOf, patient, QueueStack, waitFor } from './support/queue-stack';

jest.setTimeout(60_000);

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the call to fail');
}

describe('patient queue over RabbitMQ (real institution service, MariaDB, Redis)', () => {
  const stack = new QueueStack();
  let institutionId: string;
  let serviceA: string;
  let serviceB: string;
  let operator: ReturnType<typeof operatorOf>;
  let listener: ChannelModel;
  const heard: Array<{ routingKey: string; event: QueueEvent }> = [];

  beforeAll(async () => {
    await stack.start();
    const created = await stack.createInstitution([{ code: 'A' }, { code: 'B' }]);
    institutionId = created.institutionId;
    [serviceA, serviceB] = created.services.map((s) => s.id);
    operator = operatorOf(institutionId);
    // A consumer of our own on the topic exchange, bound to this institution's events only.
    listener = await connect(stack.env.RABBITMQ_URL);
    const channel = await listener.createChannel();
    await channel.assertExchange(queueEventsExchange(stack.env.RMQ_PREFIX), 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, queueEventsExchange(stack.env.RMQ_PREFIX), `institution.${institutionId}.#`);
    await channel.consume(queue, (message) => message && heard.push({ routingKey: message.fields.routingKey, event: JSON.parse(message.content.toString()) }), {
      noAck: true,
    });
  });

  afterAll(async () => {
    await listener?.close();
    await stack.stop();
  });

  const add = (patientUserId: string, extra: Partial<Parameters<typeof stack.rpc.call<typeof QueueContracts.addToQueue>>[1]> = {}, actor = kioskOf(institutionId)) =>
    stack.rpc.call(
      QueueContracts.addToQueue,
      { institutionId, serviceId: serviceA, patientUserId, requestId: randomUUID(), source: 'KIOSK', ...extra },
      { actor },
    );

  it('issues numbered tickets, and the same requestId (even retried concurrently) returns the same ticket', async () => {
    const requestId = `scan-${randomUUID()}`;
    const patientUserId = randomUUID();
    const replies = await Promise.all(Array.from({ length: 5 }, () => add(patientUserId, { requestId })));
    const ids = new Set(replies.map((r) => r.ticket.id));
    expect(ids.size).toBe(1);
    expect(replies.filter((r) => r.created)).toHaveLength(1);
    expect(replies[0].ticket.displayNumber).toMatch(/^A-\d{3}$/);
    expect(await stack.prisma.ticket.count({ where: { requestId } })).toBe(1);
    expect(await stack.prisma.ticketTransition.count({ where: { ticketId: replies[0].ticket.id } })).toBe(1);
  });

  it('calls one ticket for a call-next retried concurrently with the same requestId, and answers every retry with it', async () => {
    const { institutionId: inst, services } = await stack.createInstitution([{ code: 'R' }]);
    const serviceId = services[0].id;
    const staff = operatorOf(inst);
    for (let i = 0; i < 3; i++) {
      await stack.rpc.call(
        QueueContracts.addToQueue,
        { institutionId: inst, serviceId, patientUserId: randomUUID(), requestId: randomUUID(), source: 'KIOSK' },
        { actor: kioskOf(inst) },
      );
    }
    const requestId = `call-${randomUUID()}`;
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => stack.rpc.call(QueueContracts.getNext, { institutionId: inst, serviceId, counter: 'Loket 1', requestId }, { actor: staff })),
    );
    expect(new Set(replies.map((reply) => reply.ticket?.id)).size).toBe(1);
    expect(await stack.prisma.ticket.count({ where: { institutionId: inst, status: 'CALLED' } })).toBe(1);
    expect(await stack.prisma.ticketTransition.count({ where: { ticket: { institutionId: inst }, toStatus: 'CALLED' } })).toBe(1);
  });

  it('runs its transactions at READ COMMITTED, the level the service\'s connections start at', async () => {
    const tickets = stack.queue.get(TicketRepository);
    const levels = await Promise.all(
      Array.from({ length: 12 }, () => tickets.transaction((tx) => tx.execute<{ level: string }>('SELECT @@tx_isolation AS level', []))),
    );
    expect(levels.map(([row]) => row.level)).toEqual(Array(12).fill('READ-COMMITTED'));
  });

  it('gives a patient at most one active ticket per service and day', async () => {
    const patientUserId = randomUUID();
    const first = await add(patientUserId);
    const second = await add(patientUserId);
    expect(second).toMatchObject({ created: false, ticket: { id: first.ticket.id, displayNumber: first.ticket.displayNumber } });
    const otherService = await add(patientUserId, { serviceId: serviceB });
    expect(otherService.created).toBe(true);
    expect(otherService.ticket.displayNumber).toMatch(/^B-/);
  });

  it('numbers each service of the day from 1 upward with no gaps or repeats under concurrency', async () => {
    const { institutionId: inst, services } = await stack.createInstitution([{ code: 'C' }]);
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        stack.rpc.call(
          QueueContracts.addToQueue,
          { institutionId: inst, serviceId: services[0].id, patientUserId: randomUUID(), requestId: randomUUID(), source: 'KIOSK' },
          { actor: kioskOf(inst) },
        ),
      ),
    );
    expect(replies.map((r) => r.ticket.displayNumber).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `C-${String(i + 1).padStart(3, '0')}`));
  });

  it('refuses a full service (quota) with 409 and a closed one with 422, asking the institution service', async () => {
    const { institutionId: inst, services } = await stack.createInstitution([
      { code: 'Q', dailyQuota: 2 },
      { code: 'Z', openingHours: {} },
    ]);
    const kiosk = kioskOf(inst);
    const take = (serviceId: string) =>
      stack.rpc.call(
        QueueContracts.addToQueue,
        { institutionId: inst, serviceId, patientUserId: randomUUID(), requestId: randomUUID(), source: 'KIOSK' },
        { actor: kiosk },
      );
    await take(services[0].id);
    const second = await take(services[0].id);
    const full = await failure(take(services[0].id));
    expect(full.code).toBe(ErrorCode.QUOTA_EXCEEDED);
    expect(full.httpStatus).toBe(409);
    expect(full.message).toContain('2 tickets');
    // A cancelled ticket frees its place in the quota.
    await stack.rpc.call(QueueContracts.cancel, { id: second.ticket.id }, { actor: operatorOf(inst) });
    await expect(take(services[0].id)).resolves.toMatchObject({ created: true });

    const closed = await failure(take(services[1].id));
    expect(closed.code).toBe(ErrorCode.SERVICE_CLOSED);
    expect(closed.httpStatus).toBe(422);

    await stack.rpc.call(InstitutionContracts.updateService, { institutionId: inst, serviceId: services[0].id, dailyQuota: 10 }, { actor: SYSTEM_ACTOR });
    await expect(take(services[0].id)).resolves.toMatchObject({ created: true });
  });

  it('enforces who may do what', async () => {
    const someone = patient();
    expect((await failure(add(randomUUID(), {}, someone))).code).toBe(ErrorCode.FORBIDDEN);
    expect((await failure(add(someone.userId!, { priority: 'URGENT' }, someone))).code).toBe(ErrorCode.FORBIDDEN);
    const own = await add(someone.userId!, { source: 'APP' }, someone);
    expect(own.created).toBe(true);
    await expect(stack.rpc.call(QueueContracts.findOne, { id: own.ticket.id }, { actor: someone })).resolves.toMatchObject({ id: own.ticket.id });
    expect((await failure(stack.rpc.call(QueueContracts.findOne, { id: own.ticket.id }, { actor: patient() }))).code).toBe(ErrorCode.FORBIDDEN);
    const elsewhere = operatorOf(randomUUID());
    expect((await failure(stack.rpc.call(QueueContracts.call, { id: own.ticket.id, counter: 'L1' }, { actor: elsewhere }))).code).toBe(ErrorCode.FORBIDDEN);
    const mine = await stack.rpc.call(QueueContracts.myQueue, {}, { actor: someone });
    expect(mine.map((t) => t.id)).toContain(own.ticket.id);
  });

  describe('status flow', () => {
    // Each walk is one operator's (an operator holds one active ticket at a time); `operator` unless told otherwise.
    const walk = async (steps: Array<['call'] | ['status', 'WAITING' | 'IN_PROGRESS' | 'COMPLETED' | 'NO_SHOW'] | ['cancel']>, staff = operatorOf(institutionId)) => {
      const operator = staff;
      let ticket = (await add(randomUUID())).ticket;
      for (const step of steps) {
        if (step[0] === 'call') ticket = await stack.rpc.call(QueueContracts.call, { id: ticket.id, counter: 'Loket 1' }, { actor: operator });
        else if (step[0] === 'cancel') ticket = await stack.rpc.call(QueueContracts.cancel, { id: ticket.id }, { actor: operator });
        else ticket = await stack.rpc.call(QueueContracts.updateStatus, { id: ticket.id, status: step[1] }, { actor: operator });
      }
      return ticket;
    };

    it('WAITING -> CALLED -> IN_PROGRESS -> COMPLETED, with each transition timestamped and audited', async () => {
      const ticket = await walk([['call'], ['status', 'IN_PROGRESS'], ['status', 'COMPLETED']], operator);
      expect(ticket.status).toBe('COMPLETED');
      expect(ticket.calledAt && ticket.startedAt && ticket.completedAt).toBeTruthy();
      const history = await stack.prisma.ticketTransition.findMany({ where: { ticketId: ticket.id }, orderBy: { id: 'asc' } });
      expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
        [null, 'WAITING'],
        ['WAITING', 'CALLED'],
        ['CALLED', 'IN_PROGRESS'],
        ['IN_PROGRESS', 'COMPLETED'],
      ]);
      expect(history.slice(1).every((h) => h.actorId === operator.userId && h.actorRole === 'OPERATOR')).toBe(true);
    });

    it('answers each change with the row as stored (written in plain SQL, never read back) and audits it at its time', async () => {
      const staff = operatorOf(institutionId);
      const asStored = async (id: string) => toTicketView(await stack.prisma.ticket.findUniqueOrThrow({ where: { id } }));
      const withoutPosition = ({ ahead: _ahead, etaMinutes: _eta, ...view }: TicketWithPosition) => view;
      const { ticket: added } = await add(randomUUID(), { notes: 'kursi roda' });
      expect(withoutPosition(added)).toEqual(await asStored(added.id));
      const called = await stack.rpc.call(QueueContracts.call, { id: added.id, counter: 'Loket 2' }, { actor: staff });
      expect(withoutPosition(called)).toEqual(await asStored(added.id));
      const requeued = await stack.rpc.call(QueueContracts.updateStatus, { id: added.id, status: 'WAITING' }, { actor: staff });
      expect(withoutPosition(requeued)).toEqual(await asStored(added.id));
      const stored = await stack.prisma.ticket.findUniqueOrThrow({ where: { id: added.id } });
      expect(stored).toMatchObject({ status: 'WAITING', recallCount: 1, counter: null, servingOperatorId: null, notes: 'kursi roda', sequence: Number(added.displayNumber.slice(2)) });
      const history = await stack.prisma.ticketTransition.findMany({ where: { ticketId: added.id }, orderBy: { id: 'asc' } });
      expect(history.map((h) => [h.toStatus, h.counter, h.requestId !== null])).toEqual([
        ['WAITING', null, true],
        ['CALLED', 'Loket 2', true],
        ['WAITING', null, true],
      ]);
      expect(history[2].at).toEqual(stored.updatedAt);
      expect(history[0].at).toEqual(stored.createdAt);
    });

    it('CALLED -> WAITING (recall later, counted) and CALLED -> NO_SHOW', async () => {
      const requeued = await walk([['call'], ['status', 'WAITING']]);
      expect(requeued).toMatchObject({ status: 'WAITING', recallCount: 1, counter: null });
      expect((await walk([['call'], ['status', 'NO_SHOW']])).status).toBe('NO_SHOW');
    });

    it('WAITING | CALLED -> CANCELLED', async () => {
      expect((await walk([['cancel']])).status).toBe('CANCELLED');
      expect((await walk([['call'], ['cancel']])).status).toBe('CANCELLED');
    });

    it.each([
      [[['status', 'IN_PROGRESS']], 'WAITING'],
      [[['status', 'COMPLETED']], 'WAITING'],
      [[['status', 'NO_SHOW']], 'WAITING'],
      [[['call'], ['status', 'COMPLETED']], 'CALLED'],
      [[['call'], ['status', 'IN_PROGRESS'], ['status', 'WAITING']], 'IN_PROGRESS'],
      [[['call'], ['status', 'IN_PROGRESS'], ['cancel']], 'IN_PROGRESS'],
      [[['cancel'], ['call']], 'CANCELLED'],
      [[['call'], ['status', 'NO_SHOW'], ['status', 'WAITING']], 'NO_SHOW'],
      [[['call'], ['status', 'IN_PROGRESS'], ['status', 'COMPLETED'], ['call']], 'COMPLETED'],
    ] as Array<[Parameters<typeof walk>[0], TicketStatus]>)('refuses %j with 409 naming %s', async (steps, current) => {
      const error = await failure(walk(steps));
      expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
      expect(error.httpStatus).toBe(409);
      expect(error.message).toContain(`is ${current}`);
    });

    it('answers a retried change by the same operator with the same ticket instead of a 409', async () => {
      const staff = operatorOf(institutionId);
      const ticket = await walk([['call'], ['status', 'IN_PROGRESS']], staff);
      const again = await stack.rpc.call(QueueContracts.updateStatus, { id: ticket.id, status: 'IN_PROGRESS' }, { actor: staff });
      expect(again.startedAt).toBe(ticket.startedAt);
      const other = await failure(stack.rpc.call(QueueContracts.updateStatus, { id: ticket.id, status: 'IN_PROGRESS' }, { actor: operatorOf(institutionId) }));
      expect(other.code).toBe(ErrorCode.INVALID_TRANSITION);
    });

    it('transfers a WAITING ticket to another service, keeping its arrival time, linked both ways', async () => {
      const original = (await add(randomUUID())).ticket;
      const { from, to } = await stack.rpc.call(QueueContracts.transfer, { id: original.id, serviceId: serviceB }, { actor: operator });
      expect(from).toMatchObject({ status: 'TRANSFERRED', transferredToId: to.id });
      expect(to).toMatchObject({ serviceId: serviceB, status: 'WAITING', transferredFromId: original.id, queuedAt: original.queuedAt, priority: original.priority });
      expect(to.displayNumber).toMatch(/^B-/);
      const retried = await stack.rpc.call(QueueContracts.transfer, { id: original.id, serviceId: serviceB }, { actor: operator });
      expect(retried.to.id).toBe(to.id);
      // A finished ticket does not move (a called or served one does: see clinic-day.int-spec.ts).
      const done = await walk([['call'], ['status', 'IN_PROGRESS'], ['status', 'COMPLETED']]);
      expect((await failure(stack.rpc.call(QueueContracts.transfer, { id: done.id, serviceId: serviceB }, { actor: operator }))).code).toBe(
        ErrorCode.INVALID_TRANSITION,
      );
    });
  });

  it('publishes every committed change to queue.events once, routed by institution, service and event', async () => {
    const ticket = (await add(randomUUID())).ticket;
    await stack.rpc.call(QueueContracts.call, { id: ticket.id, counter: 'Loket 9' }, { actor: operator });
    await stack.rpc.call(QueueContracts.updateStatus, { id: ticket.id, status: 'IN_PROGRESS' }, { actor: operator });
    await waitFor(async () => (await stack.prisma.outboxEvent.count({ where: { publishedAt: null } })) === 0);
    await waitFor(async () => heard.some((h) => h.event.ticket.id === ticket.id && h.event.type === 'in-progress'));
    const mine = heard.filter((h) => h.event.ticket.id === ticket.id && !['ready', 'almost-ready'].includes(h.event.type));
    expect(mine.map((h) => h.routingKey)).toEqual(
      ['created', 'called', 'in-progress'].map((type) => `institution.${institutionId}.service.${serviceA}.${type}`),
    );
    expect(mine[1].event.ticket).toMatchObject({ status: 'CALLED', counter: 'Loket 9', ahead: 0 });
    const ids = heard.map((h) => h.event.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await stack.prisma.outboxEvent.count({ where: { routingKey: { startsWith: `institution.${institutionId}.` } } })).toBe(ids.length);
  });

  it('publishes what a crash left in the outbox on a later pass, and prunes only old published events', async () => {
    // As if the process died between the commit and the publish: the event sits in the outbox.
    const eventId = randomUUID();
    const stranded = { eventId, type: 'created', institutionId, serviceId: serviceA, ticket: { id: randomUUID() }, waiting: 0, requestId: null, occurredAt: new Date().toISOString() };
    await stack.prisma.outboxEvent.create({
      data: { eventId, routingKey: `institution.${institutionId}.service.${serviceA}.created`, payload: stranded },
    });
    await waitFor(() => heard.some((h) => h.event.eventId === eventId));
    // The relay marks the event published after the broker confirmed it, so the mark may trail the delivery.
    await waitFor(async () => (await stack.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId } })).publishedAt !== null);

    const unpublished = await stack.prisma.outboxEvent.create({
      data: { eventId: randomUUID(), routingKey: 'institution.x.service.y.created', payload: {}, createdAt: new Date('2020-01-01') },
    });
    await stack.prisma.outboxEvent.update({ where: { eventId }, data: { publishedAt: new Date('2020-01-01') } });
    const pruned = await stack.queue.get(OutboxRelay).prune();
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect(await stack.prisma.outboxEvent.findUnique({ where: { eventId } })).toBeNull();
    // Unpublished (or just published) events are kept.
    expect(await stack.prisma.outboxEvent.findUnique({ where: { id: unpublished.id } })).not.toBeNull();
  });
});
