import { BoardTicket, FollowedTicketEvent, QueueEvent, QueueEventType } from '@mediq/contracts';

/** socket.io event names the clients listen to. */
export const SOCKET_EVENTS = {
  update: 'queue_update',
  called: 'queue_called',
  almostReady: 'queue_almost_ready',
  ready: 'queue_ready',
} as const;

export const institutionRoom = (institutionId: string) => `institution:${institutionId}`;
export const serviceRoom = (serviceId: string) => `service:${serviceId}`;
export const ticketRoom = (ticketId: string) => `ticket:${ticketId}`;
/** Phones following a ticket by its printed follow link: they hear its public view only. */
export const followRoom = (ticketId: string) => `follow:${ticketId}`;

/** What a display board receives: the number and where to go, never who holds it. */
export interface BoardEvent {
  type: QueueEventType;
  institutionId: string;
  serviceId: string;
  ticket: BoardTicket;
  waiting: number;
  occurredAt: string;
}

export function toBoardEvent(event: QueueEvent): BoardEvent {
  const { displayNumber, serviceId, status, counter, priority } = event.ticket;
  // Events published before categories existed carry none.
  const category = event.ticket.category ?? null;
  return {
    type: event.type,
    institutionId: event.institutionId,
    serviceId: event.serviceId,
    ticket: { displayNumber, serviceId, status, counter, priority, category },
    waiting: event.waiting,
    occurredAt: event.occurredAt,
  };
}

export function toFollowEvent(event: QueueEvent): FollowedTicketEvent {
  const { id, institutionId, serviceId, displayNumber, localDate, status, priority, category, counter, ahead, etaMinutes, calledAt } = event.ticket;
  return {
    type: event.type,
    occurredAt: event.occurredAt,
    ticket: { ticketId: id, institutionId, serviceId, displayNumber, localDate, status, priority, category, counter, ahead, etaMinutes, calledAt },
  };
}

export interface Emission {
  room: string;
  event: (typeof SOCKET_EVENTS)[keyof typeof SOCKET_EVENTS];
  payload: QueueEvent | BoardEvent | FollowedTicketEvent;
}

/**
 * Which rooms hear a queue event, under which socket event name and with which payload. Boards
 * (institution rooms) hear state changes as numbers only; operators (service rooms) and the
 * ticket's holder get the full event; "almost ready" and "ready" go to the ticket (and operators).
 */
export function emissionsFor(event: QueueEvent): Emission[] {
  const board = toBoardEvent(event);
  const institution = institutionRoom(event.institutionId);
  const service = serviceRoom(event.serviceId);
  const ticket = ticketRoom(event.ticket.id);
  const follow = followRoom(event.ticket.id);
  const followed = toFollowEvent(event);
  if (event.type === 'almost-ready' || event.type === 'ready') {
    const name = event.type === 'ready' ? SOCKET_EVENTS.ready : SOCKET_EVENTS.almostReady;
    return [
      { room: ticket, event: name, payload: event },
      { room: follow, event: name, payload: followed },
      { room: service, event: SOCKET_EVENTS.update, payload: event },
    ];
  }
  const emissions: Emission[] = [
    { room: institution, event: SOCKET_EVENTS.update, payload: board },
    { room: service, event: SOCKET_EVENTS.update, payload: event },
    { room: ticket, event: SOCKET_EVENTS.update, payload: event },
    { room: follow, event: SOCKET_EVENTS.update, payload: followed },
  ];
  if (event.type === 'called') {
    emissions.push(
      { room: institution, event: SOCKET_EVENTS.called, payload: board },
      { room: service, event: SOCKET_EVENTS.called, payload: event },
      { room: ticket, event: SOCKET_EVENTS.called, payload: event },
      { room: follow, event: SOCKET_EVENTS.called, payload: followed },
    );
  }
  return emissions;
}
