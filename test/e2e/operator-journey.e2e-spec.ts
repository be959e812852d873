/**
 * An operator's morning at Poli Gigi, on the platform as `npm start` runs it: four patients wait; the
 * operator calls the next one again and again, serves patients from call to completion, skips one who
 * is not there, transfers one to KIA, and recalls the skipped one, who ends a no-show. After every step
 * the day's statistics say so, and the waiting-room board, the operator's console and the skipped
 * patient's phone (socket.io, namespace /queue) hear the matching event.
 *
 * The journey owns Poli Gigi (B) and KIA (C) of the demo institution: the other journeys use other services.
 */
import type { CallNextReply, QueueEvent, QueueStats, TicketView, TicketWithPosition } from '@mediq/contracts';
import {
  api,
  baseUrl,
  expectStatus,
  institutionId,
  registerPatient,
  seededService,
  serviceStats,
  signInPatient,
  signInSeededOperator,
  SignedIn,
  takeTicket,
  testNik,
} from './support/journey';
import { about, QueueListener } from './support/queue-listener';

const poliGigi = seededService('B');
const kia = seededService('C');
const COUNTER = 'Loket 3';
/** Statistics of a service with nothing happened yet; each step states only what it changes. */
const EMPTY: Pick<QueueStats, 'total' | 'waiting' | 'called' | 'inProgress' | 'served' | 'noShows' | 'cancelled' | 'transferred'> = {
  total: 0,
  waiting: 0,
  called: 0,
  inProgress: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  transferred: 0,
};

describe('operator journey: call next, serve, skip and recall, transfer; stats and live events follow', () => {
  let operator: SignedIn;
  /** The patients' tickets in arrival order: B1 is served, B2 skipped and recalled, B3 served, B4 transferred. */
  let tickets: TicketWithPosition[];
  const patients: Array<{ nik: string; name: string }> = ['SATU', 'DUA', 'TIGA', 'EMPAT'].map((word) => ({
    // The birth year keeps this journey's NIKs apart from the other journeys', which run at the same time.
    nik: testNik({ year: 1985 }),
    name: `PASIEN GIGI ${word}`,
  }));
  let board: QueueListener;
  let operatorConsole: QueueListener;
  let phone: QueueListener;
  let kiaNumber: string;

  const stats = () => serviceStats(operator.headers, poliGigi.id);
  const callNext = () => api<CallNextReply>('POST', `/queue/institution/${institutionId}/next`, { headers: operator.headers, body: { serviceId: poliGigi.id, counter: COUNTER } });
  const setStatus = async (ticket: TicketView, status: string) =>
    expectStatus(await api<TicketWithPosition>('PATCH', `/queue/${ticket.id}/status`, { headers: operator.headers, body: { status } }), 200);

  /** The board, the console and (for the skipped patient's ticket) the phone each hear `type` about `ticket`. */
  async function everyoneHears(socketEvent: 'queue_update' | 'queue_called', type: QueueEvent['type'], ticket: TicketView): Promise<void> {
    const onBoard = await board.next(socketEvent, about(type, ticket.displayNumber));
    // The board shows numbers and counters, never who holds them.
    expect(onBoard.ticket).not.toHaveProperty('patientUserId');
    expect(onBoard.ticket).not.toHaveProperty('id');
    const onConsole = (await operatorConsole.next(socketEvent, about(type, ticket.displayNumber))) as QueueEvent;
    expect(onConsole.ticket.id).toBe(ticket.id);
    if (ticket.id === tickets[1].id) expect(((await phone.next(socketEvent, about(type, ticket.displayNumber))) as QueueEvent).ticket.id).toBe(ticket.id);
  }

  beforeAll(async () => {
    operator = await signInSeededOperator();
    expect(operator.user).toMatchObject({ role: 'OPERATOR', institutionId });

    board = await QueueListener.connect(baseUrl);
    expect(await board.subscribe({ institutionId })).toEqual({ ok: true, room: `institution:${institutionId}` });
    operatorConsole = await QueueListener.connect(baseUrl, operator.accessToken);
    expect(await operatorConsole.subscribe({ institutionId, serviceId: poliGigi.id })).toEqual({ ok: true, room: `service:${poliGigi.id}` });

    // The front desk registers the four walk-ins and gives each a ticket for Poli Gigi.
    tickets = [];
    for (const patient of patients) tickets.push(await takeTicket(operator.headers, (await registerPatient(operator.headers, patient)).id, poliGigi.id));
    expect(tickets.map((ticket) => ticket.ahead)).toEqual([0, 1, 2, 3]);

    // The second patient follows their ticket on their phone; nobody else's ticket is theirs to follow.
    const skippedPatient = await signInPatient(patients[1].nik, patients[1].name);
    phone = await QueueListener.connect(baseUrl, skippedPatient.accessToken);
    expect(await phone.subscribe({ ticketId: tickets[1].id })).toEqual({ ok: true, room: `ticket:${tickets[1].id}` });
    expect(await phone.subscribe({ ticketId: tickets[0].id })).toMatchObject({ ok: false });
  });

  afterAll(() => {
    for (const listener of [board, operatorConsole, phone]) listener?.close();
  });

  it('the board and the console hear every ticket issued; the stats count four waiting', async () => {
    for (const ticket of tickets) {
      expect((await board.next('queue_update', about('created', ticket.displayNumber))).waiting).toBeGreaterThan(0);
      await operatorConsole.next('queue_update', about('created', ticket.displayNumber));
    }
    expect(await stats()).toMatchObject({ ...EMPTY, total: 4, waiting: 4 });
  });

  it('calls the first patient, serves them and completes', async () => {
    const called = expectStatus(await callNext(), 200);
    expect(called).toEqual({ ticket: expect.objectContaining({ id: tickets[0].id, status: 'CALLED', counter: COUNTER }), waiting: 3 });
    await everyoneHears('queue_called', 'called', tickets[0]);
    expect(await stats()).toMatchObject({ ...EMPTY, total: 4, waiting: 3, called: 1 });

    expect(await setStatus(tickets[0], 'IN_PROGRESS')).toMatchObject({ status: 'IN_PROGRESS' });
    await everyoneHears('queue_update', 'in-progress', tickets[0]);
    expect(await stats()).toMatchObject({ ...EMPTY, total: 4, waiting: 3, inProgress: 1 });

    expect(await setStatus(tickets[0], 'COMPLETED')).toMatchObject({ status: 'COMPLETED' });
    await everyoneHears('queue_update', 'completed', tickets[0]);
    expect(await stats()).toMatchObject({ ...EMPTY, total: 4, waiting: 3, served: 1 });
  });

  it('calls the next patient, who is not there: skipped, they go back in line behind those waiting', async () => {
    expect(expectStatus(await callNext(), 200).ticket).toMatchObject({ id: tickets[1].id, status: 'CALLED' });
    await everyoneHears('queue_called', 'called', tickets[1]);

    const skipped = await setStatus(tickets[1], 'WAITING');
    expect(skipped).toMatchObject({ status: 'WAITING', recallCount: 1, counter: null, ahead: 2 });
    await everyoneHears('queue_update', 'requeued', tickets[1]);
    expect(await stats()).toMatchObject({ ...EMPTY, total: 4, waiting: 3, served: 1 });

    // Call next now takes the third patient, not the skipped one.
    expect(expectStatus(await callNext(), 200).ticket).toMatchObject({ id: tickets[2].id, status: 'CALLED' });
    await everyoneHears('queue_called', 'called', tickets[2]);
    await setStatus(tickets[2], 'IN_PROGRESS');
    await setStatus(tickets[2], 'COMPLETED');
    await everyoneHears('queue_update', 'completed', tickets[2]);
    expect(await stats()).toMatchObject({ ...EMPTY, total: 4, waiting: 2, served: 2 });
  });

  it('transfers the fourth patient to KIA: a new KIA number that keeps its place, counted in both services', async () => {
    const kiaBefore = await serviceStats(operator.headers, kia.id);
    const moved = expectStatus(
      await api<{ from: TicketView; to: TicketWithPosition }>('POST', `/queue/${tickets[3].id}/transfer`, { headers: operator.headers, body: { serviceId: kia.id } }),
      200,
    );
    expect(moved.from).toMatchObject({ id: tickets[3].id, status: 'TRANSFERRED', transferredToId: moved.to.id });
    expect(moved.to).toMatchObject({ serviceId: kia.id, status: 'WAITING', transferredFromId: tickets[3].id, queuedAt: tickets[3].queuedAt });
    expect(moved.to.displayNumber).toMatch(/^C-\d{3}$/);

    await everyoneHears('queue_update', 'transferred', tickets[3]);
    // The board hears the new number in KIA.
    kiaNumber = moved.to.displayNumber;
    await board.next('queue_update', about('created', kiaNumber));

    expect(await stats()).toMatchObject({ ...EMPTY, total: 4, waiting: 1, served: 2, transferred: 1 });
    expect(await serviceStats(operator.headers, kia.id)).toMatchObject({ total: kiaBefore.total + 1, waiting: kiaBefore.waiting + 1 });
  });

  it('recalls the skipped patient, who still does not come: a no-show, and nobody is left to call', async () => {
    const recalled = expectStatus(await api<TicketWithPosition>('POST', `/queue/${tickets[1].id}/call`, { headers: operator.headers, body: { counter: COUNTER } }), 200);
    expect(recalled).toMatchObject({ status: 'CALLED', counter: COUNTER, recallCount: 1 });
    await everyoneHears('queue_called', 'called', tickets[1]);
    expect(await stats()).toMatchObject({ ...EMPTY, total: 4, called: 1, served: 2, transferred: 1 });

    expect(await setStatus(tickets[1], 'NO_SHOW')).toMatchObject({ status: 'NO_SHOW' });
    await everyoneHears('queue_update', 'no-show', tickets[1]);
    expect(await stats()).toMatchObject({ ...EMPTY, total: 4, served: 2, noShows: 1, transferred: 1 });

    const none = await callNext();
    expect(none.status).toBe(204);

    // Each client hears in the order things happened, so by now everything earlier has arrived.
    // The phone heard its own ticket's story and nothing else: "you are next" whenever the one ahead
    // left the line, both calls, the skip and the no-show.
    const skipped = tickets[1].displayNumber;
    expect(phone.log()).toEqual([
      `queue_ready:ready:${skipped}`,
      `queue_update:called:${skipped}`,
      `queue_called:called:${skipped}`,
      `queue_update:requeued:${skipped}`,
      `queue_ready:ready:${skipped}`,
      `queue_update:called:${skipped}`,
      `queue_called:called:${skipped}`,
      `queue_update:no-show:${skipped}`,
    ]);
    // The Poli Gigi console does not follow KIA: the transferred patient's new number never reached it.
    expect(operatorConsole.log().filter((line) => line.endsWith(`:${kiaNumber}`))).toEqual([]);
  });
});
