import { BoardCall, CurrentQueueReply } from '@mediq/contracts';
import { Ticket } from '../generated/prisma/client';
import { callOrder, LaneRatio, recentLanes } from './call-order';
import { toBoardTicket } from './ticket-view';

/** How many numbers a board lists per service, both for "now serving" and "next". */
export const BOARD_SIZE = 5;

/**
 * The display board's projection of a day's tickets (given in call order): per service, the numbers
 * called or in service (latest call first), the next ones to be called, and how many wait. Numbers only.
 */
export function boardOf(
  institutionId: string,
  date: string,
  tickets: Ticket[],
  ratios: ReadonlyMap<string, LaneRatio | null> = new Map(),
  recentCalls: Array<{ at: Date; counter: string | null; ticket: Ticket }> = [],
  now = new Date(),
): CurrentQueueReply {
  const serviceIds = [...new Set(tickets.map((t) => t.serviceId))];
  return {
    institutionId,
    date,
    at: now.toISOString(),
    recentCalls: recentCalls.slice(0, BOARD_SIZE).map(({ at, counter, ticket }): BoardCall => ({ ...toBoardTicket({ ...ticket, counter }), status: 'CALLED', calledAt: at.toISOString() })),
    services: serviceIds.map((serviceId) => {
      const ofService = tickets.filter((t) => t.serviceId === serviceId);
      const waiting = callOrder(
        ofService.filter((t) => t.status === 'WAITING'),
        ratios.get(serviceId) ?? null,
        recentLanes(ofService),
      );
      const serving = ofService
        .filter((t) => t.status === 'CALLED' || t.status === 'IN_PROGRESS')
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
      return {
        serviceId,
        nowServing: serving.slice(0, BOARD_SIZE).map(toBoardTicket),
        next: waiting.slice(0, BOARD_SIZE).map(toBoardTicket),
        waiting: waiting.length,
      };
    }),
  };
}
