import { DomainError, SYSTEM_ACTOR } from '@mediq/common';
import { AddToQueueRequest, ErrorCode, InstitutionContracts, OperatorActiveReply, QueueContracts, ServiceTile, WEEKDAYS } from '@mediq/contracts';
import { randomUUID } from 'node:crypto';
import { authHeaders } from '../../../gateway/test/support/auth';
import { kioskOf, operatorOf, QueueStack } from './support/queue-stack';

jest.setTimeout(90_000);

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the call to fail');
}

/** The clinic's day (issue #20): one patient per operator, transfers, reinstating no-shows, lanes. */
describe('the clinic day: operators, transfers, no-shows (real institution service, MariaDB, RabbitMQ)', () => {
  const stack = new QueueStack();

  beforeAll(() => stack.start({ gateway: true }));
  afterAll(() => stack.stop());

  const add = (institutionId: string, serviceId: string, extra: Partial<AddToQueueRequest> = {}) =>
    stack.rpc.call(
      QueueContracts.addToQueue,
      { institutionId, serviceId, patientUserId: randomUUID(), requestId: randomUUID(), source: 'KIOSK', ...extra },
      { actor: kioskOf(institutionId) },
    );

  describe('one active ticket per operator', () => {
    it('answers 409 OPERATOR_BUSY to call-next while the operator has a patient called or in service, even at the same counter name', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'A' }]);
      const serviceId = services[0].id;
      const first = (await add(institutionId, serviceId)).ticket;
      const second = (await add(institutionId, serviceId)).ticket;
      const third = (await add(institutionId, serviceId)).ticket;
      const ani = operatorOf(institutionId);
      const budi = operatorOf(institutionId);

      const called = await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: ani });
      expect(called.ticket!.id).toBe(first.id);
      const busy = await failure(stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: ani }));
      expect(busy).toMatchObject({ code: ErrorCode.OPERATOR_BUSY, httpStatus: 409, details: { ticketId: first.id, displayNumber: first.displayNumber } });
      // Calling a particular ticket is refused the same way, and nothing moved.
      expect((await failure(stack.rpc.call(QueueContracts.call, { id: third.id, counter: 'Loket 1' }, { actor: ani }))).code).toBe(ErrorCode.OPERATOR_BUSY);
      expect((await stack.prisma.ticket.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('WAITING');
      expect((await stack.prisma.ticket.findUniqueOrThrow({ where: { id: third.id } })).status).toBe('WAITING');

      // Another operator on the same default counter name is not busy, and gets the next patient, not Ani's.
      const other = await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: budi });
      expect(other.ticket!.id).toBe(second.id);

      // In service still counts; once finished Ani may call again.
      await stack.rpc.call(QueueContracts.updateStatus, { id: first.id, status: 'IN_PROGRESS' }, { actor: ani });
      expect((await failure(stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: ani }))).code).toBe(
        ErrorCode.OPERATOR_BUSY,
      );
      await stack.rpc.call(QueueContracts.updateStatus, { id: first.id, status: 'COMPLETED' }, { actor: ani });
      const again = await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: ani });
      expect(again.ticket!.id).toBe(third.id);
    });

    it('refuses concurrent call-nexts by one operator but one', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'B' }]);
      const serviceId = services[0].id;
      for (let i = 0; i < 5; i++) await add(institutionId, serviceId);
      const ani = operatorOf(institutionId);
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: ani })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.map((r) => (r.reason as DomainError).code)).toEqual(Array(4).fill(ErrorCode.OPERATOR_BUSY));
      expect(await stack.prisma.ticket.count({ where: { institutionId, status: 'CALLED' } })).toBe(1);
    });

    it('gives a reloaded console the operator’s own active ticket over HTTP (GET /api/queue/mine/active), and 409 with the code for a busy call', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'C' }]);
      const serviceId = services[0].id;
      const ticket = (await add(institutionId, serviceId)).ticket;
      await add(institutionId, serviceId);
      const userId = randomUUID();
      const headers = { ...authHeaders({ userId, role: 'OPERATOR', institutionId }), 'content-type': 'application/json' };
      const mine = async () => (await (await fetch(`${stack.gatewayUrl}/api/queue/mine/active`, { headers })).json()) as OperatorActiveReply;
      expect(await mine()).toEqual({ ticket: null });
      const next = () =>
        fetch(`${stack.gatewayUrl}/api/queue/institution/${institutionId}/next`, { method: 'POST', headers, body: JSON.stringify({ serviceId, counter: 'Loket 1' }) });
      expect((await next()).status).toBe(200);
      expect(await mine()).toMatchObject({ ticket: { id: ticket.id, status: 'CALLED', counter: 'Loket 1' } });
      const busy = await next();
      expect(busy.status).toBe(409);
      expect(await busy.json()).toMatchObject({ statusCode: 409, code: 'OPERATOR_BUSY', details: { displayNumber: ticket.displayNumber } });
      // Another operator's console does not show Ani's patient.
      const otherHeaders = authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId });
      expect(await (await fetch(`${stack.gatewayUrl}/api/queue/mine/active`, { headers: otherHeaders })).json()).toEqual({ ticket: null });
    });
  });

  describe('transfer in one step', () => {
    it('moves a called patient to another poli keeping their arrival time, and frees the operator', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'D' }, { code: 'E' }]);
      const [poli, lab] = services.map((s) => s.id);
      const ticket = (await add(institutionId, poli)).ticket;
      const ani = operatorOf(institutionId);
      await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId: poli, counter: 'Loket 2' }, { actor: ani });
      await stack.rpc.call(QueueContracts.updateStatus, { id: ticket.id, status: 'IN_PROGRESS' }, { actor: ani });
      const { from, to } = await stack.rpc.call(QueueContracts.transfer, { id: ticket.id, serviceId: lab }, { actor: ani });
      expect(from).toMatchObject({ status: 'TRANSFERRED', transferredToId: to.id });
      expect(to).toMatchObject({ serviceId: lab, status: 'WAITING', queuedAt: ticket.queuedAt, transferredFromId: ticket.id, ahead: 0 });
      const history = await stack.prisma.ticketTransition.findMany({ where: { ticketId: ticket.id }, orderBy: { id: 'asc' } });
      expect(history.map((h) => h.toStatus)).toEqual(['WAITING', 'CALLED', 'IN_PROGRESS', 'TRANSFERRED']);
      expect(history[3]).toMatchObject({ fromStatus: 'IN_PROGRESS', actorId: ani.userId });
      expect(await stack.rpc.call(QueueContracts.myActive, {}, { actor: ani })).toEqual({ ticket: null });
    });

    it('changes nothing when the transfer is refused, and says why (full poli: QUOTA_EXCEEDED; already queued there: CONFLICT)', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'F' }, { code: 'G', dailyQuota: 1 }, { code: 'H' }]);
      const [poli, full, kia] = services.map((s) => s.id);
      await add(institutionId, full);
      const patientUserId = randomUUID();
      const ticket = (await add(institutionId, poli, { patientUserId })).ticket;
      await add(institutionId, kia, { patientUserId });
      const ani = operatorOf(institutionId);
      const called = (await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId: poli, counter: 'Loket 3' }, { actor: ani })).ticket!;
      const before = await stack.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
      const transitionsBefore = await stack.prisma.ticketTransition.count({ where: { ticket: { institutionId } } });
      const ticketsBefore = await stack.prisma.ticket.count({ where: { institutionId } });

      const quota = await failure(stack.rpc.call(QueueContracts.transfer, { id: ticket.id, serviceId: full }, { actor: ani }));
      expect(quota).toMatchObject({ code: ErrorCode.QUOTA_EXCEEDED, httpStatus: 409 });
      const twice = await failure(stack.rpc.call(QueueContracts.transfer, { id: ticket.id, serviceId: kia }, { actor: ani }));
      expect(twice).toMatchObject({ code: ErrorCode.CONFLICT });

      // Still called at the same counter by the same operator, with its original arrival time: not sent to the back.
      expect(await stack.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toEqual(before);
      expect(before).toMatchObject({ status: 'CALLED', counter: 'Loket 3', queuedAt: new Date(called.queuedAt), servingOperatorId: ani.userId });
      expect(await stack.prisma.ticketTransition.count({ where: { ticket: { institutionId } } })).toBe(transitionsBefore);
      expect(await stack.prisma.ticket.count({ where: { institutionId } })).toBe(ticketsBefore);
      expect((await stack.rpc.call(QueueContracts.myActive, {}, { actor: ani })).ticket).toMatchObject({ id: ticket.id, status: 'CALLED' });
    });
  });

  describe('reinstating a no-show', () => {
    it('puts a no-show of today back as next in line, audited, and answers a retry with the same ticket', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'J' }]);
      const serviceId = services[0].id;
      const absent = (await add(institutionId, serviceId)).ticket;
      const second = (await add(institutionId, serviceId)).ticket;
      const third = (await add(institutionId, serviceId)).ticket;
      const ani = operatorOf(institutionId);
      await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: ani });
      await stack.rpc.call(QueueContracts.updateStatus, { id: absent.id, status: 'NO_SHOW' }, { actor: ani });
      // Meanwhile the second patient is called; the third still waits.
      await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: ani });

      const back = await stack.rpc.call(QueueContracts.reinstate, { id: absent.id }, { actor: ani });
      expect(back).toMatchObject({ id: absent.id, status: 'WAITING', ahead: 0, noShowAt: null, counter: null });
      expect(await stack.rpc.call(QueueContracts.findOne, { id: third.id }, { actor: ani })).toMatchObject({ ahead: 1 });
      const history = await stack.prisma.ticketTransition.findMany({ where: { ticketId: absent.id }, orderBy: { id: 'asc' } });
      expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
        [null, 'WAITING'],
        ['WAITING', 'CALLED'],
        ['CALLED', 'NO_SHOW'],
        ['NO_SHOW', 'WAITING'],
      ]);
      expect(history[3]).toMatchObject({ actorId: ani.userId, actorRole: 'OPERATOR' });

      const retried = await stack.rpc.call(QueueContracts.reinstate, { id: absent.id }, { actor: ani });
      expect(retried.queuedAt).toBe(back.queuedAt);
      expect(await stack.prisma.ticketTransition.count({ where: { ticketId: absent.id } })).toBe(4);

      // A colleague's reinstate of a ticket that is no longer a no-show is refused.
      const other = await failure(stack.rpc.call(QueueContracts.reinstate, { id: absent.id }, { actor: operatorOf(institutionId) }));
      expect(other).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, httpStatus: 409 });

      // The next call takes the reinstated patient, before the third.
      await stack.rpc.call(QueueContracts.updateStatus, { id: second.id, status: 'IN_PROGRESS' }, { actor: ani });
      await stack.rpc.call(QueueContracts.updateStatus, { id: second.id, status: 'COMPLETED' }, { actor: ani });
      expect((await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: ani })).ticket!.id).toBe(absent.id);
    });

    it('refuses a no-show of another day, and one whose patient took a new ticket since (409, nothing changes)', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'K' }]);
      const serviceId = services[0].id;
      const patientUserId = randomUUID();
      const ani = operatorOf(institutionId);
      const noShow = async (extra: Partial<AddToQueueRequest> = {}) => {
        const ticket = (await add(institutionId, serviceId, extra)).ticket;
        await stack.rpc.call(QueueContracts.call, { id: ticket.id, counter: 'Loket 1' }, { actor: ani });
        await stack.rpc.call(QueueContracts.updateStatus, { id: ticket.id, status: 'NO_SHOW' }, { actor: ani });
        return ticket;
      };
      const old = await noShow();
      await stack.prisma.ticket.update({ where: { id: old.id }, data: { localDate: new Date('2026-01-05T00:00:00Z') } });
      const stale = await failure(stack.rpc.call(QueueContracts.reinstate, { id: old.id }, { actor: ani }));
      expect(stale).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, message: expect.stringContaining("only today's") });

      const first = await noShow({ patientUserId });
      const retaken = (await add(institutionId, serviceId, { patientUserId })).ticket;
      expect(retaken.id).not.toBe(first.id);
      const conflict = await failure(stack.rpc.call(QueueContracts.reinstate, { id: first.id }, { actor: ani }));
      expect(conflict).toMatchObject({ code: ErrorCode.CONFLICT, details: { displayNumber: retaken.displayNumber } });
      expect((await stack.prisma.ticket.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('NO_SHOW');
      expect((await stack.prisma.ticket.findUniqueOrThrow({ where: { id: old.id } })).status).toBe('NO_SHOW');
    });

    it('answers POST /api/queue/:id/reinstate over HTTP', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'L' }]);
      const serviceId = services[0].id;
      const ticket = (await add(institutionId, serviceId)).ticket;
      const headers = { ...authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId }), 'content-type': 'application/json' };
      const post = (path: string, body: unknown = {}) => fetch(`${stack.gatewayUrl}/api/queue/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect((await post(`${ticket.id}/reinstate`)).status).toBe(409);
      expect((await post(`${ticket.id}/call`, { counter: 'Loket 5' })).status).toBe(200);
      await fetch(`${stack.gatewayUrl}/api/queue/${ticket.id}/status`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'NO_SHOW' }) });
      const back = await post(`${ticket.id}/reinstate`);
      expect(back.status).toBe(200);
      expect(await back.json()).toMatchObject({ id: ticket.id, status: 'WAITING' });
    });
  });

  describe('priority lanes', () => {
    it('calls 1 priority : 2 general while both lanes wait, URGENT first, and positions and ETAs follow the same order', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'M', averageServiceMinutes: 10, priorityLaneCalls: 1, generalLaneCalls: 2 }]);
      const serviceId = services[0].id;
      const staff = operatorOf(institutionId);
      const general = [];
      for (let i = 0; i < 4; i++) general.push((await add(institutionId, serviceId)).ticket);
      // Declared at the kiosk: no staff needed for a category, and it means the priority lane.
      const pregnant = (await add(institutionId, serviceId, { category: 'IBU_HAMIL' })).ticket;
      const disabled = (await add(institutionId, serviceId, { category: 'DISABILITAS' })).ticket;
      const urgent = (
        await stack.rpc.call(
          QueueContracts.addToQueue,
          { institutionId, serviceId, patientUserId: randomUUID(), requestId: randomUUID(), source: 'OPERATOR', priority: 'URGENT' },
          { actor: staff },
        )
      ).ticket;
      expect(pregnant).toMatchObject({ priority: 'HIGH', category: 'IBU_HAMIL' });

      const expected = [urgent, pregnant, general[0], general[1], disabled, general[2], general[3]];
      // Before any call, each waiting ticket's position and ETA is its index in that order.
      for (const [index, ticket] of expected.entries()) {
        expect(await stack.rpc.call(QueueContracts.findOne, { id: ticket.id }, { actor: staff })).toMatchObject({ ahead: index, etaMinutes: index * 10 });
      }
      const board = await stack.rpc.call(QueueContracts.current, { institutionId });
      expect(board.services[0].next.map((t) => t.displayNumber)).toEqual(expected.slice(0, 5).map((t) => t.displayNumber));
      // The operator's console lists them in that order too, not by strict priority.
      const line = await stack.rpc.call(QueueContracts.waitingLine, { institutionId, serviceId }, { actor: staff });
      expect(line.items.map((t) => [t.id, t.ahead, t.etaMinutes])).toEqual(expected.map((t, index) => [t.id, index, index * 10]));
      expect(line.waiting).toBe(expected.length);

      const called = [];
      for (let i = 0; i < expected.length; i++) {
        const { ticket } = await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'Loket 1' }, { actor: staff });
        called.push(ticket!.id);
        // Halfway, the one next in line is told so: its position follows the lanes, not strict priority.
        if (i === 2) expect(await stack.rpc.call(QueueContracts.findOne, { id: general[1].id }, { actor: staff })).toMatchObject({ ahead: 0 });
        if (i === 2) expect(await stack.rpc.call(QueueContracts.findOne, { id: disabled.id }, { actor: staff })).toMatchObject({ ahead: 1, etaMinutes: 10 });
        await stack.rpc.call(QueueContracts.updateStatus, { id: ticket!.id, status: 'NO_SHOW' }, { actor: staff });
      }
      expect(called).toEqual(expected.map((t) => t.id));
    });

    it('keeps strict priority for a service without a ratio', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'N' }]);
      const serviceId = services[0].id;
      const first = (await add(institutionId, serviceId)).ticket;
      const elderly = (await add(institutionId, serviceId, { category: 'LANSIA' })).ticket;
      expect(elderly.ahead).toBe(0);
      expect(await stack.rpc.call(QueueContracts.findOne, { id: first.id }, { actor: operatorOf(institutionId) })).toMatchObject({ ahead: 1 });
      const line = await stack.rpc.call(QueueContracts.waitingLine, { institutionId, serviceId }, { actor: operatorOf(institutionId) });
      expect(line.items.map((t) => t.id)).toEqual([elderly.id, first.id]);
      // Another institution's staff see nothing of it.
      const other = await stack.createInstitution([{ code: 'X' }]);
      const refused = await stack.rpc.call(QueueContracts.waitingLine, { institutionId, serviceId }, { actor: operatorOf(other.institutionId) }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: ErrorCode.FORBIDDEN });
    });

    it('makes a patient lansia from the KTP birth date at the institution’s age threshold, and splits the stats by lane', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'P', priorityLaneCalls: 1, generalLaneCalls: 1 }]);
      const serviceId = services[0].id;
      const today = (await stack.rpc.call(QueueContracts.current, { institutionId })).date;
      const yearsAgo = (years: number, dayShift = 0) => {
        const [y, m, d] = today.split('-').map(Number);
        return new Date(Date.UTC(y - years, m - 1, d + dayShift)).toISOString().slice(0, 10);
      };
      const sixty = (await add(institutionId, serviceId, { patientBirthDate: yearsAgo(60) })).ticket;
      const almost = (await add(institutionId, serviceId, { patientBirthDate: yearsAgo(60, 1) })).ticket;
      expect(sixty).toMatchObject({ priority: 'HIGH', category: 'LANSIA' });
      expect(almost).toMatchObject({ priority: 'NORMAL', category: null });

      // The institution raises its threshold to 65: a 62-year-old is no longer lansia; nothing is stored of the birth date.
      await stack.rpc.call(InstitutionContracts.update, { id: institutionId, lansiaAge: 65 }, { actor: SYSTEM_ACTOR });
      const sixtyTwo = (await add(institutionId, serviceId, { patientBirthDate: yearsAgo(62) })).ticket;
      expect(sixtyTwo).toMatchObject({ priority: 'NORMAL', category: null });
      expect(JSON.stringify(await stack.prisma.ticket.findUniqueOrThrow({ where: { id: sixty.id } }))).not.toContain(yearsAgo(60));

      // A patient may not choose a priority, only declare a category; a bad birth date is a 400.
      const kiosk = kioskOf(institutionId);
      const attempt = (extra: Partial<AddToQueueRequest>) =>
        stack.rpc.call(QueueContracts.addToQueue, { institutionId, serviceId, patientUserId: randomUUID(), requestId: randomUUID(), source: 'KIOSK', ...extra }, { actor: kiosk });
      expect((await failure(attempt({ priority: 'URGENT' }))).code).toBe(ErrorCode.FORBIDDEN);
      expect((await failure(attempt({ patientBirthDate: '1958-02-30' }))).code).toBe(ErrorCode.VALIDATION_FAILED);

      const stats = await stack.rpc.call(QueueContracts.getStats, { institutionId, serviceId }, { actor: operatorOf(institutionId) });
      expect(stats.lanes).toEqual({
        URGENT: { total: 0, waiting: 0, served: 0, averageWaitMinutes: null },
        PRIORITY: { total: 1, waiting: 1, served: 0, averageWaitMinutes: null },
        GENERAL: { total: 2, waiting: 2, served: 0, averageWaitMinutes: null },
      });
    });
  });

  describe('kiosk tiles', () => {
    it('answers openNow, nextOpening and ticketsLeftToday per service on GET /api/institutions/:id/services', async () => {
      const jakartaHour = (Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', hourCycle: 'h23' }).format(new Date())) + 2) % 24;
      const opens = `${String(jakartaHour).padStart(2, '0')}:00`;
      const later = Object.fromEntries(WEEKDAYS.map((day) => [day, [{ open: opens, close: `${String(jakartaHour).padStart(2, '0')}:30` }]]));
      const { institutionId, services } = await stack.createInstitution([{ code: 'Q', dailyQuota: 2 }, { code: 'R' }, { code: 'S', openingHours: later }]);
      const [quota, unlimited, closed] = services;
      const first = (await add(institutionId, quota.id)).ticket;
      await add(institutionId, quota.id);
      const tiles = async () => (await (await fetch(`${stack.gatewayUrl}/api/institutions/${institutionId}/services`)).json()) as ServiceTile[];
      const byCode = (list: ServiceTile[], code: string) => list.find((s) => s.code === code)!;

      let list = await tiles();
      expect(byCode(list, 'Q')).toMatchObject({ openNow: true, nextOpening: null, ticketsLeftToday: 0 });
      expect(byCode(list, 'R')).toMatchObject({ openNow: true, ticketsLeftToday: null });
      expect(byCode(list, 'S')).toMatchObject({ openNow: false, nextOpening: { time: opens }, ticketsLeftToday: null });
      // A cancelled ticket gives its place back.
      await stack.rpc.call(QueueContracts.cancel, { id: first.id }, { actor: operatorOf(institutionId) });
      list = await tiles();
      expect(byCode(list, 'Q').ticketsLeftToday).toBe(1);
      expect([unlimited.id, closed.id]).toEqual([byCode(list, 'R').id, byCode(list, 'S').id]);
    });
  });

  describe('patient ETA', () => {
    it('does not drop to 0 after one quick service while 3 wait, and never goes below the configured minimum', async () => {
      const { institutionId, services } = await stack.createInstitution([
        { code: 'T', averageServiceMinutes: 10, minServiceMinutes: 4 },
        { code: 'U', averageServiceMinutes: 1, minServiceMinutes: 4 },
      ]);
      const [slow, quick] = services.map((s) => s.id);
      const staff = operatorOf(institutionId);
      const tickets = [];
      for (let i = 0; i < 4; i++) tickets.push((await add(institutionId, slow)).ticket);
      const { ticket } = await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId: slow, counter: 'Loket 1' }, { actor: staff });
      await stack.rpc.call(QueueContracts.updateStatus, { id: ticket!.id, status: 'IN_PROGRESS' }, { actor: staff });
      await stack.rpc.call(QueueContracts.updateStatus, { id: ticket!.id, status: 'COMPLETED' }, { actor: staff });
      // Served in 6 seconds.
      const completedAt = new Date();
      await stack.prisma.ticket.update({ where: { id: ticket!.id }, data: { startedAt: new Date(completedAt.getTime() - 6_000), completedAt } });
      const waiting = await Promise.all(tickets.slice(1).map((t) => stack.rpc.call(QueueContracts.findOne, { id: t.id }, { actor: staff })));
      // (0.1 + 10 x 3) / 4 = 7.525 minutes per patient.
      expect(waiting.map((t) => [t.ahead, t.etaMinutes])).toEqual([
        [0, 0],
        [1, 8],
        [2, 15],
      ]);

      // A poli configured at 1 minute per patient still estimates at least its minimum of 4.
      const quickTickets = [];
      for (let i = 0; i < 4; i++) quickTickets.push((await add(institutionId, quick)).ticket);
      expect(quickTickets.map((t) => t.etaMinutes)).toEqual([0, 4, 8, 12]);
    });
  });

  describe('display board', () => {
    it('lists the last 5 calls of the day, newest first, recalls included, with the server clock', async () => {
      const { institutionId, services } = await stack.createInstitution([{ code: 'V' }, { code: 'W' }]);
      const tickets = [];
      for (let i = 0; i < 6; i++) tickets.push((await add(institutionId, services[i % 2].id)).ticket);
      const staff = operatorOf(institutionId);
      for (const [index, ticket] of tickets.entries()) {
        await stack.rpc.call(QueueContracts.call, { id: ticket.id, counter: `${index + 1}` }, { actor: staff });
        if (index < 5) await stack.rpc.call(QueueContracts.updateStatus, { id: ticket.id, status: 'NO_SHOW' }, { actor: staff });
      }
      // The last one is called again after "recall later".
      await stack.rpc.call(QueueContracts.updateStatus, { id: tickets[5].id, status: 'WAITING' }, { actor: staff });
      await stack.rpc.call(QueueContracts.call, { id: tickets[5].id, counter: 'Loket 7' }, { actor: staff });
      const board = await stack.rpc.call(QueueContracts.current, { institutionId });
      expect(board.recentCalls.map((c) => [c.displayNumber, c.counter])).toEqual([
        [tickets[5].displayNumber, 'Loket 7'],
        [tickets[5].displayNumber, '6'],
        [tickets[4].displayNumber, '5'],
        [tickets[3].displayNumber, '4'],
        [tickets[2].displayNumber, '3'],
      ]);
      expect(new Date(board.at).getTime()).toBeGreaterThanOrEqual(new Date(board.recentCalls[0].calledAt).getTime());
      expect(JSON.stringify(board)).not.toContain(tickets[0].patientUserId);
    });
  });
});
