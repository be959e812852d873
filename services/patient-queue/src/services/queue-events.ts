import { randomUUID } from 'node:crypto';
import { QUEUE_ALMOST_READY_AHEAD, QueueEvent, QueueEventType, TicketWithPosition } from '@mediq/contracts';
import { requestContext } from '@mediq/common';

export function queueEvent(type: QueueEventType, ticket: TicketWithPosition, waiting: number): QueueEvent {
  return {
    eventId: randomUUID(),
    type,
    requestId: requestContext.requestId() ?? null,
    occurredAt: new Date().toISOString(),
    institutionId: ticket.institutionId,
    serviceId: ticket.serviceId,
    ticket,
    waiting,
  };
}

/**
 * After a WAITING ticket that had `removedAhead` people ahead of it leaves the line, everyone behind
 * it moves up one place. Returns which positions of the new head just became "ready" (next in line)
 * or "almost ready" (QUEUE_ALMOST_READY_AHEAD ahead), so each is announced once, when it happens.
 */
export function positionsReached(removedAhead: number): Array<{ index: number; type: QueueEventType }> {
  const reached: Array<{ index: number; type: QueueEventType }> = [];
  if (removedAhead === 0) reached.push({ index: 0, type: 'ready' });
  if (removedAhead <= QUEUE_ALMOST_READY_AHEAD) reached.push({ index: QUEUE_ALMOST_READY_AHEAD, type: 'almost-ready' });
  return reached;
}
