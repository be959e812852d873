import { laneOf, QueueLane, TicketPriority } from '@mediq/contracts';

/** A service's call ratio while both lanes wait; null: strict priority. */
export interface LaneRatio {
  priority: number;
  general: number;
}

export function laneRatioOf(service: { priorityLaneCalls: number | null; generalLaneCalls: number | null }): LaneRatio | null {
  return service.priorityLaneCalls && service.generalLaneCalls ? { priority: service.priorityLaneCalls, general: service.generalLaneCalls } : null;
}

type Lane = Exclude<QueueLane, 'URGENT'>;

/**
 * Which lane the next call serves, from the lanes of the service's latest calls today (newest first,
 * URGENT calls left out): the priority lane until it had `ratio.priority` calls in a row, then the general
 * lane until it had `ratio.general`, and so on. Strict priority (no ratio): the priority lane first.
 */
export function nextLane(ratio: LaneRatio | null, recent: readonly Lane[]): Lane {
  if (!ratio || recent.length === 0) return 'PRIORITY';
  const last = recent[0];
  let run = 0;
  while (run < recent.length && recent[run] === last) run++;
  if (last === 'PRIORITY') return run < ratio.priority ? 'PRIORITY' : 'GENERAL';
  return run < ratio.general ? 'GENERAL' : 'PRIORITY';
}

/** The lanes of calls already made, newest first, from tickets with their first call time. */
export function recentLanes(called: ReadonlyArray<{ priority: TicketPriority; calledAt: Date | null }>): Lane[] {
  return called
    .filter((t): t is { priority: TicketPriority; calledAt: Date } => t.calledAt !== null && t.priority !== 'URGENT')
    .sort((a, b) => b.calledAt.getTime() - a.calledAt.getTime())
    .map((t) => laneOf(t.priority) as Lane);
}

/** The priorities call-next looks in, lane by lane, for its next call. */
export function lanePriorities(lane: QueueLane): TicketPriority[] {
  return lane === 'URGENT' ? ['URGENT'] : lane === 'PRIORITY' ? ['HIGH'] : ['NORMAL', 'LOW'];
}

/**
 * The order call-next will call today's waiting tickets in (given in priority, arrival, id order):
 * URGENT first, then the two lanes in the service's ratio, continuing from the recent calls. Position
 * and ETA are a ticket's index in this order, so they follow the same policy as the calls.
 */
export function callOrder<T extends { priority: TicketPriority }>(waiting: readonly T[], ratio: LaneRatio | null, recent: readonly Lane[]): T[] {
  const urgent = waiting.filter((t) => t.priority === 'URGENT');
  const lanes: Record<Lane, T[]> = {
    PRIORITY: waiting.filter((t) => laneOf(t.priority) === 'PRIORITY'),
    GENERAL: waiting.filter((t) => laneOf(t.priority) === 'GENERAL'),
  };
  const order = [...urgent];
  const history = [...recent];
  const next: Record<Lane, number> = { PRIORITY: 0, GENERAL: 0 };
  while (next.PRIORITY < lanes.PRIORITY.length || next.GENERAL < lanes.GENERAL.length) {
    let lane = nextLane(ratio, history);
    if (next[lane] >= lanes[lane].length) lane = lane === 'PRIORITY' ? 'GENERAL' : 'PRIORITY';
    order.push(lanes[lane][next[lane]++]);
    history.unshift(lane);
  }
  return order;
}
