import { Injectable } from '@nestjs/common';
import { Actor, LaneStats, laneOf, QueueLane, QueueStats, QueueStatsRequest } from '@mediq/contracts';
import { DomainError } from '@mediq/common';
import { Ticket } from '../generated/prisma/client';
import { StatsCacheRepository } from '../repositories/stats-cache.repository';
import { TicketRepository } from '../repositories/ticket.repository';
import { InstitutionDirectory } from './institution-directory.service';
import { assertLocalDate, localDateIn, localHourIn } from './local-time';
import { assertStaffOf } from './ticket-rules';

type StatsTicket = Pick<Ticket, 'status' | 'createdAt' | 'calledAt' | 'startedAt' | 'completedAt' | 'timezone' | 'priority'>;

const LANES: readonly QueueLane[] = ['URGENT', 'PRIORITY', 'GENERAL'];

function laneStats(tickets: StatsTicket[]): LaneStats {
  return {
    total: tickets.length,
    waiting: tickets.filter((t) => t.status === 'WAITING').length,
    served: tickets.filter((t) => t.status === 'COMPLETED').length,
    averageWaitMinutes: average(tickets.filter((t) => t.calledAt).map((t) => minutesBetween(t.createdAt, t.calledAt!))),
  };
}

const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;
const average = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null);

/** Counts a day's tickets; the same arithmetic whether the answer is cached or not. */
export function computeStats(scope: { institutionId: string; serviceId: string | null; date: string }, tickets: StatsTicket[]): QueueStats {
  const count = (status: Ticket['status']) => tickets.filter((t) => t.status === status).length;
  const hours = new Map<string, { issued: number; served: number }>();
  const bump = (hour: string, field: 'issued' | 'served') => {
    const entry = hours.get(hour) ?? { issued: 0, served: 0 };
    entry[field]++;
    hours.set(hour, entry);
  };
  for (const ticket of tickets) {
    bump(localHourIn(ticket.timezone, ticket.createdAt), 'issued');
    if (ticket.status === 'COMPLETED' && ticket.completedAt) bump(localHourIn(ticket.timezone, ticket.completedAt), 'served');
  }
  return {
    ...scope,
    total: tickets.length,
    waiting: count('WAITING'),
    called: count('CALLED'),
    inProgress: count('IN_PROGRESS'),
    served: count('COMPLETED'),
    noShows: count('NO_SHOW'),
    cancelled: count('CANCELLED'),
    transferred: count('TRANSFERRED'),
    averageWaitMinutes: average(tickets.filter((t) => t.calledAt).map((t) => minutesBetween(t.createdAt, t.calledAt!))),
    averageServiceMinutes: average(
      tickets.filter((t) => t.status === 'COMPLETED' && t.startedAt && t.completedAt).map((t) => minutesBetween(t.startedAt!, t.completedAt!)),
    ),
    perHour: [...hours.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hour, counts]) => ({ hour, ...counts })),
    lanes: Object.fromEntries(LANES.map((lane) => [lane, laneStats(tickets.filter((t) => laneOf(t.priority) === lane))])) as Record<QueueLane, LaneStats>,
  };
}

/** Daily stats per institution (and service): counted from MariaDB, cached in Redis until the next change. */
@Injectable()
export class StatsService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly cache: StatsCacheRepository,
    private readonly institutions: InstitutionDirectory,
  ) {}

  async stats(actor: Actor, request: QueueStatsRequest): Promise<QueueStats> {
    if (!request?.institutionId) throw DomainError.validation('institutionId is required', { institutionId: 'required' });
    assertStaffOf(actor, request.institutionId);
    assertLocalDate(request.date);
    const date = request.date ?? localDateIn(await this.institutions.timezone(request.institutionId));
    const cached = await this.cache.get(request.institutionId, date, request.serviceId);
    if (cached.stats) return cached.stats;
    const stats = computeStats(
      { institutionId: request.institutionId, serviceId: request.serviceId ?? null, date },
      await this.tickets.forDay(request.institutionId, date, request.serviceId),
    );
    await this.cache.set(stats, cached.generation);
    return stats;
  }

  invalidate(institutionId: string, date: string): Promise<void> {
    return this.cache.invalidate(institutionId, date);
  }
}
