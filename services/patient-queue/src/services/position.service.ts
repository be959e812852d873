import { Inject, Injectable } from '@nestjs/common';
import { TicketWithPosition } from '@mediq/contracts';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';
import { Ticket } from '../generated/prisma/client';
import { Db, TicketRepository } from '../repositories/ticket.repository';
import { callOrder, recentLanes } from './call-order';
import { InstitutionDirectory } from './institution-directory.service';
import { localDateIn } from './local-time';
import { toTicketView } from './ticket-view';

/** How many of the day's latest calls decide where the lane ratio stands (more than any ratio's round). */
const RECENT_CALLS = 20;

/** How many completed services the configured minutes count as, so one quick (or slow) service moves the estimate only a little. */
export const PRIOR_WEIGHT = 3;

/** Estimated minutes until a ticket is called: people ahead x minutes per patient, rounded; never 0 with someone ahead. */
export function etaMinutes(ahead: number, minutesPerPatient: number): number {
  return ahead === 0 ? 0 : Math.max(1, Math.round(ahead * minutesPerPatient));
}

/**
 * Minutes per patient: the recent service times averaged together with the configured minutes
 * (worth PRIOR_WEIGHT services), never below the service's configured minimum.
 */
export function estimateMinutes(recent: { total: number; count: number }, configured: number, minimum: number): number {
  return Math.max(minimum, (recent.total + configured * PRIOR_WEIGHT) / (recent.count + PRIOR_WEIGHT));
}

/**
 * Where a ticket stands: the WAITING tickets call next would pick before it (by the service's lane
 * policy, call-order.ts), and the wait that means at the service's pace (estimateMinutes: its last
 * completed tickets smoothed with its configured minutes, bounded below by its configured minimum).
 */
@Injectable()
export class PositionService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly institutions: InstitutionDirectory,
    @Inject(PATIENT_QUEUE_CONFIG) private readonly config: PatientQueueConfig,
  ) {}

  /** Each service's recent pace as last read, shared by concurrent reads (QUEUE_PACE_CACHE_MS). */
  private readonly paces = new Map<string, { readAt: number; pace: Promise<{ total: number; count: number }> }>();

  async minutesPerPatient(institutionId: string, serviceId: string, configured?: number): Promise<number> {
    const recent = await this.recentPace(institutionId, serviceId);
    const [average, minimum] = await Promise.all([
      configured ?? this.institutions.configuredMinutes(institutionId, serviceId),
      this.institutions.minServiceMinutes(institutionId, serviceId),
    ]);
    return estimateMinutes(recent, average, minimum);
  }

  /** A ticket of the service was completed here: its pace is read again on the next estimate. */
  forgetPace(serviceId: string): void {
    this.paces.delete(serviceId);
  }

  private recentPace(institutionId: string, serviceId: string): Promise<{ total: number; count: number }> {
    const cached = this.paces.get(serviceId);
    if (cached && Date.now() - cached.readAt < this.config.QUEUE_PACE_CACHE_MS) return cached.pace;
    const pace = this.tickets.recentServiceMinutes(institutionId, serviceId, this.config.QUEUE_SERVICE_TIME_WINDOW);
    this.paces.set(serviceId, { readAt: Date.now(), pace });
    pace.catch(() => this.paces.get(serviceId)?.pace === pace && this.paces.delete(serviceId));
    return pace;
  }

  /** The service's WAITING tickets in the order call-next will call them (with strict priority, only the first `head` are read). */
  async order(institutionId: string, serviceId: string, db?: Db, head?: number): Promise<Ticket[]> {
    const ratio = await this.institutions.laneRatio(institutionId, serviceId);
    if (!ratio) return this.tickets.waitingOf(institutionId, serviceId, db, head);
    const waiting = await this.tickets.waitingOf(institutionId, serviceId, db);
    if (waiting.length === 0) return waiting;
    const today = localDateIn(await this.institutions.timezone(institutionId));
    return callOrder(waiting, ratio, recentLanes(await this.tickets.calledToday(institutionId, serviceId, today, RECENT_CALLS, db)));
  }

  /** The first `size` WAITING tickets in call order, each with its place and wait. */
  async line(institutionId: string, serviceId: string, size: number): Promise<TicketWithPosition[]> {
    const [waiting, minutes] = await Promise.all([this.order(institutionId, serviceId, undefined, size), this.minutesPerPatient(institutionId, serviceId)]);
    return waiting.slice(0, size).map((ticket, ahead) => ({ ...toTicketView(ticket), ahead, etaMinutes: etaMinutes(ahead, minutes) }));
  }

  /**
   * WAITING tickets call-next will pick before this one (0 unless it waits). `strictAhead`: the strict
   * count already read with the ticket (TicketRepository.findWithStrictAhead).
   */
  async ahead(ticket: Ticket, db?: Db, strictAhead?: number): Promise<number> {
    if (ticket.status !== 'WAITING') return 0;
    // Strict priority: a COUNT (this runs under the sequence lock on every add).
    if (!(await this.institutions.laneRatio(ticket.institutionId, ticket.serviceId))) return strictAhead ?? this.tickets.countAheadStrict(ticket, db);
    const index = (await this.order(ticket.institutionId, ticket.serviceId, db)).findIndex((t) => t.id === ticket.id);
    return Math.max(0, index);
  }

  /**
   * In a change's transaction: where the ticket stands (as `ahead`) and how many wait in its service, the
   * ticket included if it waits (the `waiting` of the change's events). Strict priority: one statement.
   */
  async standing(ticket: Ticket, db: Db): Promise<{ ahead: number; waiting: number }> {
    if (!(await this.institutions.laneRatio(ticket.institutionId, ticket.serviceId))) return this.tickets.waitingAndAheadStrict(ticket, db);
    const order = await this.order(ticket.institutionId, ticket.serviceId, db);
    return { ahead: ticket.status === 'WAITING' ? Math.max(0, order.findIndex((t) => t.id === ticket.id)) : 0, waiting: order.length };
  }

  /** `minutesPerPatient` lets a caller compute it once, outside a transaction. */
  async withPosition(ticket: Ticket, minutesPerPatient: number, db?: Db): Promise<TicketWithPosition> {
    const ahead = await this.ahead(ticket, db);
    return { ...toTicketView(ticket), ahead, etaMinutes: etaMinutes(ahead, minutesPerPatient) };
  }

  /** The ticket read: the pace and the people ahead are asked for at once (`strictAhead` as for `ahead`). */
  async describe(ticket: Ticket, strictAhead?: number): Promise<TicketWithPosition> {
    if (ticket.status !== 'WAITING') return this.withPosition(ticket, 0);
    const [minutes, ahead] = await Promise.all([this.minutesPerPatient(ticket.institutionId, ticket.serviceId), this.ahead(ticket, undefined, strictAhead)]);
    return { ...toTicketView(ticket), ahead, etaMinutes: etaMinutes(ahead, minutes) };
  }
}
