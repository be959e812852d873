import { AddToQueueReply, CallNextReply, CurrentQueueReply, Page, QueueContracts, QueueEvent, TICKET_PRIORITIES, TicketPriority, TicketView } from '@mediq/contracts';
import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { accessTokenFor, authHeaders } from '../../../gateway/test/support/auth';
import { QueueStack, waitFor } from './support/queue-stack';

jest.setTimeout(180_000);

const TICKETS = 300;

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const OPERATORS = 8;

describe('queue through the gateway: concurrent operators and real-time updates', () => {
  const stack = new QueueStack();
  const sockets: Socket[] = [];

  beforeAll(() => stack.start({ gateway: true }));
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack.stop();
  });

  function connect(token?: string): Promise<Socket> {
    const socket = io(`${stack.gatewayUrl}/queue`, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  const subscribe = (socket: Socket, request: Record<string, string>) =>
    socket.emitWithAck('subscribe', request) as Promise<{ ok: boolean; room?: string; error?: string }>;

  it(`calls each of ${TICKETS} mixed-priority tickets exactly once across ${OPERATORS} concurrent operators, in priority order per operator`, async () => {
    const { institutionId, services } = await stack.createInstitution([{ code: 'A' }]);
    const serviceId = services[0].id;
    const priorities: TicketPriority[] = Array.from({ length: TICKETS }, (_, i) => TICKET_PRIORITIES[(i * 7 + (i % 5)) % 4]);
    for (let start = 0; start < TICKETS; start += 25) {
      await Promise.all(
        priorities.slice(start, start + 25).map((priority) =>
          stack.rpc.call(
            QueueContracts.addToQueue,
            { institutionId, serviceId, patientUserId: randomUUID(), requestId: randomUUID(), source: 'OPERATOR', priority },
            { actor: { kind: 'system' } },
          ),
        ),
      );
    }

    const calledBy: Array<Array<{ id: string; priority: TicketPriority }>> = [];
    await Promise.all(
      Array.from({ length: OPERATORS }, async (_, operator) => {
        const headers = { ...authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId }), 'content-type': 'application/json' };
        const sequence: Array<{ id: string; priority: TicketPriority }> = [];
        calledBy[operator] = sequence;
        for (;;) {
          const response = await fetch(`${stack.gatewayUrl}/api/queue/institution/${institutionId}/next`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ serviceId, counter: `Loket ${operator + 1}` }),
          });
          if (response.status === 204) return;
          expect(response.status).toBe(200);
          const { ticket } = await json<CallNextReply>(response);
          sequence.push({ id: ticket!.id, priority: ticket!.priority });
          // One patient at a time per operator: this one does not come, so the next may be called.
          const done = await fetch(`${stack.gatewayUrl}/api/queue/${ticket!.id}/status`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'NO_SHOW' }) });
          expect(done.status).toBe(200);
        }
      }),
    );

    const all = calledBy.flat().map((call) => call.id);
    expect(all).toHaveLength(TICKETS);
    expect(new Set(all).size).toBe(TICKETS);
    expect(calledBy.filter((sequence) => sequence.length > 0).length).toBeGreaterThan(1);
    for (const sequence of calledBy) {
      const ranks = sequence.map((call) => TICKET_PRIORITIES.indexOf(call.priority));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    const rows = await stack.prisma.ticket.groupBy({ by: ['status'], where: { institutionId }, _count: true });
    expect(rows).toEqual([{ status: 'NO_SHOW', _count: TICKETS }]);
    const audits = await stack.prisma.ticketTransition.count({ where: { toStatus: 'CALLED', ticket: { institutionId } } });
    expect(audits).toBe(TICKETS);
  });

  it('tells the patient their ticket was called, boards the number only, and keeps strangers out of the ticket room', async () => {
    const { institutionId, services } = await stack.createInstitution([{ code: 'B' }]);
    const serviceId = services[0].id;
    const patientId = randomUUID();
    const patientToken = accessTokenFor({ userId: patientId, role: 'PASIEN' });
    const added = await fetch(`${stack.gatewayUrl}/api/queue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${patientToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ institutionId, serviceId, requestId: `app-${randomUUID()}` }),
    });
    expect(added.status).toBe(201);
    const { ticket } = await json<AddToQueueReply>(added);

    const phone = await connect(patientToken);
    expect(await subscribe(phone, { ticketId: ticket.id })).toEqual({ ok: true, room: `ticket:${ticket.id}` });
    const stranger = await connect(accessTokenFor({ userId: randomUUID(), role: 'PASIEN' }));
    expect(await subscribe(stranger, { ticketId: ticket.id })).toMatchObject({ ok: false });
    const anonymous = await connect();
    expect(await subscribe(anonymous, { serviceId, institutionId })).toMatchObject({ ok: false });
    const board = anonymous;
    expect(await subscribe(board, { institutionId })).toEqual({ ok: true, room: `institution:${institutionId}` });

    const phoneHears = new Promise<QueueEvent>((resolve) => phone.on('queue_called', resolve));
    const boardHears = new Promise<Record<string, unknown>>((resolve) => board.on('queue_called', resolve));
    const strangerHeard: unknown[] = [];
    stranger.on('queue_called', (event) => strangerHeard.push(event));

    const call = await fetch(`${stack.gatewayUrl}/api/queue/institution/${institutionId}/next`, {
      method: 'POST',
      headers: { ...authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId }), 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId, counter: 'Loket 3' }),
    });
    expect(call.status).toBe(200);

    const heard = await phoneHears;
    expect(heard).toMatchObject({ type: 'called', ticket: { id: ticket.id, status: 'CALLED', counter: 'Loket 3', displayNumber: ticket.displayNumber } });
    const shown = await boardHears;
    expect(shown).toMatchObject({ type: 'called', ticket: { displayNumber: ticket.displayNumber, counter: 'Loket 3' } });
    expect(JSON.stringify(shown)).not.toContain(patientId);
    expect(strangerHeard).toEqual([]);

    const empty = await fetch(`${stack.gatewayUrl}/api/queue/institution/${institutionId}/next`, {
      method: 'POST',
      headers: { ...authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId }), 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId, counter: 'Loket 3' }),
    });
    expect(empty.status).toBe(204);
  });

  it('tells a waiting patient when 3 are ahead (queue_almost_ready) and when they are next (queue_ready)', async () => {
    const { institutionId, services } = await stack.createInstitution([{ code: 'D' }]);
    const serviceId = services[0].id;
    for (let i = 0; i < 4; i++) {
      await stack.rpc.call(
        QueueContracts.addToQueue,
        { institutionId, serviceId, patientUserId: randomUUID(), requestId: randomUUID(), source: 'OPERATOR' },
        { actor: { kind: 'system' } },
      );
    }
    const patientId = randomUUID();
    const token = accessTokenFor({ userId: patientId, role: 'PASIEN' });
    const mine = await stack.rpc.call(
      QueueContracts.addToQueue,
      { institutionId, serviceId, patientUserId: patientId, requestId: randomUUID(), source: 'APP' },
      { actor: { kind: 'user', userId: patientId, role: 'PASIEN' } },
    );
    expect(mine.ticket.ahead).toBe(4);
    const phone = await connect(token);
    expect(await subscribe(phone, { ticketId: mine.ticket.id })).toMatchObject({ ok: true });
    const heard: Array<[string, QueueEvent]> = [];
    phone.on('queue_almost_ready', (event: QueueEvent) => heard.push(['queue_almost_ready', event]));
    phone.on('queue_ready', (event: QueueEvent) => heard.push(['queue_ready', event]));
    // A different operator each call (one operator holds one patient at a time).
    const callNext = () =>
      fetch(`${stack.gatewayUrl}/api/queue/institution/${institutionId}/next`, {
        method: 'POST',
        headers: { ...authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId }), 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId, counter: 'L1' }),
      });

    await callNext();
    await waitFor(() => heard.length === 1);
    expect(heard[0]).toEqual(['queue_almost_ready', expect.objectContaining({ ticket: expect.objectContaining({ id: mine.ticket.id, ahead: 3 }) })]);
    for (let i = 0; i < 3; i++) await callNext();
    await waitFor(() => heard.length === 2);
    expect(heard[1]).toEqual(['queue_ready', expect.objectContaining({ ticket: expect.objectContaining({ id: mine.ticket.id, ahead: 0 }) })]);
  });

  it('answers the MediQ routes with the right status and the one error format', async () => {
    const { institutionId, services } = await stack.createInstitution([{ code: 'C' }]);
    const serviceId = services[0].id;
    const staff = { ...authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId }), 'content-type': 'application/json' };
    const patientId = randomUUID();
    const requestId = `kiosk-scan-${randomUUID()}`;
    const body = JSON.stringify({ institutionId, serviceId, patientUserId: patientId, requestId });
    const first = await fetch(`${stack.gatewayUrl}/api/queue`, { method: 'POST', headers: staff, body });
    const retried = await fetch(`${stack.gatewayUrl}/api/queue`, { method: 'POST', headers: staff, body });
    expect([first.status, retried.status]).toEqual([201, 200]);
    const { ticket } = await json<AddToQueueReply>(first);
    expect((await json<AddToQueueReply>(retried)).ticket.id).toBe(ticket.id);

    const anonymous = await fetch(`${stack.gatewayUrl}/api/queue?institutionId=${institutionId}`);
    expect(anonymous.status).toBe(401);
    const list = await fetch(`${stack.gatewayUrl}/api/queue?institutionId=${institutionId}&status=WAITING`, { headers: staff });
    expect(await json<Page<TicketView>>(list)).toMatchObject({ total: 1, items: [{ id: ticket.id }] });
    const board = await fetch(`${stack.gatewayUrl}/api/queue/institution/${institutionId}/current`);
    const current = await json<CurrentQueueReply>(board);
    expect(current.services[0]).toMatchObject({ serviceId, waiting: 1, next: [{ displayNumber: ticket.displayNumber }] });
    expect(JSON.stringify(current)).not.toContain(patientId);

    const badStatus = await fetch(`${stack.gatewayUrl}/api/queue/${ticket.id}/status`, { method: 'PATCH', headers: staff, body: JSON.stringify({ status: 'COMPLETED' }) });
    expect(badStatus.status).toBe(409);
    expect(await badStatus.json()).toMatchObject({ statusCode: 409, code: 'INVALID_TRANSITION', message: expect.stringContaining('is WAITING') });
    const invalid = await fetch(`${stack.gatewayUrl}/api/queue/${ticket.id}/status`, { method: 'PATCH', headers: staff, body: JSON.stringify({ status: 'DONE' }) });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toContain('status');

    const stats = await fetch(`${stack.gatewayUrl}/api/queue/stats?institutionId=${institutionId}`, { headers: staff });
    expect(await stats.json()).toMatchObject({ institutionId, total: 1, waiting: 1 });
    const cancelled = await fetch(`${stack.gatewayUrl}/api/queue/${ticket.id}`, { method: 'DELETE', headers: staff });
    expect(await cancelled.json()).toMatchObject({ id: ticket.id, status: 'CANCELLED' });
  });
});
