import { Injectable } from '@nestjs/common';
import {
  Actor,
  AddToQueueReply,
  AddToQueueRequest,
  CallNextReply,
  CallNextRequest,
  CallTicketRequest,
  CancelTicketRequest,
  CurrentQueueReply,
  ErrorCode,
  IssuedTodayReply,
  ListTicketsRequest,
  OperatorActiveReply,
  Page,
  QueueEvent,
  QueueEventType,
  PriorityCategory,
  TicketPriority,
  TicketSource,
  TicketStatus,
  TicketView,
  TicketWithPosition,
  TICKET_STATUSES,
  TICKET_STATUS_UPDATES,
  TransferTicketRequest,
  UpdateTicketStatusRequest,
  WAITING_LINE_SIZE,
  WaitingLineReply,
  WaitingLineRequest,
} from '@mediq/contracts';
import { DomainError, requestContext, uniqueViolation } from '@mediq/common';
import { randomUUID } from 'node:crypto';
import { Ticket } from '../generated/prisma/client';
import { OutboxRepository } from '../repositories/outbox.repository';
import { dateString, dateValue, TicketChanges, TicketRepository, Tx } from '../repositories/ticket.repository';
import { InstitutionDirectory } from './institution-directory.service';
import { assertLocalDate, localDateIn } from './local-time';
import { OutboxRelay } from './outbox-relay.service';
import { etaMinutes, PositionService } from './position.service';
import { positionsReached, queueEvent } from './queue-events';
import { StatsService } from './stats.service';
import {
  activeKey,
  actorId,
  assertMayAccessTicket,
  assertMayAdd,
  assertStaffOf,
  assertTransition,
  displayNumber,
  isStaff,
} from './ticket-rules';
import { BOARD_SIZE, boardOf } from './board';
import { assertFree, operatorBusy, servingKey } from './operator-desk';
import { DEFAULT_LANSIA_AGE, priorityOf } from './priority-category';
import { callOrder, lanePriorities, LaneRatio, nextLane, recentLanes } from './call-order';
import { requireFields, validateAdd, validateCounter, validateNotes } from './request-validation';
import { toTicketView } from './ticket-view';

/** How often call-next looks again while the waiting tickets are locked by other calls, and the pause between. */
const CALL_NEXT_PASSES = 50;
const CALL_NEXT_PAUSE_MS = 20;
const MAX_PAGE_SIZE = 100;

interface TransitionPlan {
  to: TicketStatus;
  event: QueueEventType;
  data: (ticket: Ticket, now: Date) => TicketChanges;
  counter?: string | null;
  /** Whether the ticket may make this change; the status flow (assertTransition) unless given. */
  check?: (ticket: Ticket) => void;
}

/** Rolls an issuing transaction back (giving its number back): the patient has an active ticket of that service and day. */
class ActiveTicketExists extends Error {
  constructor(readonly ticketId: string) {
    super(`active ticket ${ticketId}`);
  }
}

/**
 * The queue's rules. MariaDB is the source of truth: every change runs in one transaction that
 * locks the rows it decides on, writes the audit trail and the outbox events, and only then
 * (after commit) kicks the event relay and invalidates cached stats.
 */
@Injectable()
export class QueueService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
    private readonly positions: PositionService,
    private readonly institutions: InstitutionDirectory,
    private readonly stats: StatsService,
  ) {}

  /** Issues a ticket, or returns the one this requestId (or the patient's active ticket today) already has. */
  async add(actor: Actor, request: AddToQueueRequest): Promise<AddToQueueReply> {
    validateAdd(request);
    assertMayAdd(actor, request);
    if ((request.priority ?? 'NORMAL') !== 'NORMAL' && !isStaff(actor) && actor.kind !== 'system') {
      throw DomainError.forbidden('Only staff may give a ticket a priority other than NORMAL; a patient may declare a priority category');
    }

    const existing = await this.tickets.findByRequestId(request.requestId);
    if (existing) return { ticket: await this.existingFor(request, existing), created: false };

    const availability = await this.institutions.availability(request.institutionId, request.serviceId);
    const { institution, service, localDate } = availability;
    if (!institution.active || !service.active) {
      throw new DomainError(ErrorCode.SERVICE_CLOSED, `${service.name} is not taking patients`, { serviceId: service.id });
    }
    if (!availability.open) {
      throw new DomainError(ErrorCode.SERVICE_CLOSED, availability.reason ?? `${service.name} is closed now`, { serviceId: service.id });
    }
    const minutes = await this.positions.minutesPerPatient(request.institutionId, request.serviceId, service.averageServiceMinutes);
    const { priority, category } = priorityOf(request, localDate, institution.lansiaAge ?? DEFAULT_LANSIA_AGE);

    let created: TicketWithPosition;
    try {
      created = await this.tickets.transaction(async (tx) => {
        const ticket = await this.issue(tx, actor, service, {
          institutionId: request.institutionId,
          serviceId: request.serviceId,
          patientUserId: request.patientUserId,
          localDate,
          timezone: institution.timezone,
          priority,
          category,
          source: request.source,
          requestId: request.requestId,
          notes: request.notes ?? null,
          queuedAt: new Date(),
        });
        const { ahead, waiting } = await this.positions.standing(ticket, tx);
        const view = { ...toTicketView(ticket), ahead, etaMinutes: etaMinutes(ahead, minutes) };
        await this.outbox.add(tx, [queueEvent('created', view, waiting)]);
        return view;
      });
    } catch (error) {
      // The patient already has an active ticket of this service today: that one is the answer.
      if (error instanceof ActiveTicketExists) {
        const active = await this.tickets.findById(error.ticketId);
        if (active) return { ticket: await this.positions.describe(active), created: false };
      }
      // A concurrent retry with the same requestId won the race: answer with its ticket.
      if (uniqueViolation(error)?.includes('requestId')) {
        const winner = await this.tickets.findByRequestId(request.requestId);
        if (winner) return { ticket: await this.existingFor(request, winner), created: false };
      }
      throw error;
    }
    await this.afterCommit(created.institutionId, [created.localDate]);
    return { ticket: created, created: true };
  }

  /**
   * Calls the first waiting ticket in call order; concurrent operators never get the same one, and a call
   * retried with the same requestId (even concurrently) calls one ticket and answers every retry with it.
   */
  async callNext(actor: Actor, request: CallNextRequest): Promise<CallNextReply> {
    requireFields(request, ['institutionId', 'serviceId', 'counter']);
    validateCounter(request.counter);
    assertStaffOf(actor, request.institutionId);
    const callRequestId = request.requestId ?? requestContext.requestId();
    const minutes = await this.positions.minutesPerPatient(request.institutionId, request.serviceId);
    const plan = this.callPlan(actor, request.counter, callRequestId);
    const ratio = await this.institutions.laneRatio(request.institutionId, request.serviceId);
    const today = localDateIn(await this.institutions.timezone(request.institutionId));
    for (let attempt = 1; ; attempt++) {
      const { called, held } = await this.tickets.callState(callRequestId ?? null, servingKey(actor));
      if (called) return this.alreadyCalled(called);
      assertFree(held, undefined, callRequestId);
      let reply: CallNextReply;
      try {
        reply = await this.tickets.transaction(async (tx) => {
          const next = await this.lockNext(tx, request.institutionId, request.serviceId, ratio, today);
          if (!next) return { ticket: null, waiting: 0 };
          const { view, waiting } = await this.applyTransition(tx, actor, next, plan, minutes);
          return { ticket: view, waiting };
        });
      } catch (error) {
        // A concurrent retry of this call committed first; the next pass answers with the ticket it called.
        if (callRequestId && uniqueViolation(error)?.includes('callRequestId')) continue;
        // The operator's one active ticket was taken meanwhile: by a retry of this call (the next pass
        // answers with its ticket) or by another call (the next pass answers OPERATOR_BUSY).
        if (uniqueViolation(error)?.includes('servingOperatorId')) continue;
        throw error;
      }
      if (reply.ticket) {
        await this.afterCommit(reply.ticket.institutionId, [reply.ticket.localDate]);
        return reply;
      }
      // Nothing unlocked was waiting. Tickets still WAITING are locked by calls in flight (another operator's,
      // or a retry of this one, which may roll back): "nobody waits" is only true once those have finished.
      if (attempt >= CALL_NEXT_PASSES || (await this.tickets.countWaiting(request.institutionId, request.serviceId)) === 0) return reply;
      await new Promise((resolve) => setTimeout(resolve, CALL_NEXT_PAUSE_MS));
    }
  }

  /**
   * Locks the ticket the lane policy calls next (call-order.ts), skipping rows other calls hold: URGENT
   * first, then the lane whose turn it is by the ratio and today's latest calls, then the other lane.
   */
  private async lockNext(tx: Tx, institutionId: string, serviceId: string, ratio: LaneRatio | null, today: string): Promise<Ticket | null> {
    // Strict priority: the call order is the priority order, URGENT first.
    if (!ratio) return this.tickets.lockNextWaiting(tx, institutionId, serviceId);
    const urgent = await this.tickets.lockNextWaiting(tx, institutionId, serviceId, lanePriorities('URGENT'));
    if (urgent) return urgent;
    const lane = nextLane(ratio, recentLanes(await this.tickets.calledToday(institutionId, serviceId, today, 20, tx)));
    const other = lane === 'PRIORITY' ? 'GENERAL' : 'PRIORITY';
    return (
      (await this.tickets.lockNextWaiting(tx, institutionId, serviceId, lanePriorities(lane))) ??
      (await this.tickets.lockNextWaiting(tx, institutionId, serviceId, lanePriorities(other)))
    );
  }

  /** What an earlier call-next with the same idempotency key answered: the ticket it called. */
  private async alreadyCalled(earlier: Ticket): Promise<CallNextReply> {
    return { ticket: await this.positions.withPosition(earlier, 0), waiting: await this.tickets.countWaiting(earlier.institutionId, earlier.serviceId) };
  }

  /** Calls one particular waiting ticket. */
  async call(actor: Actor, request: CallTicketRequest): Promise<TicketWithPosition> {
    requireFields(request, ['id', 'counter']);
    validateCounter(request.counter);
    await this.assertOperatorFree(actor, request.id);
    return this.transition(actor, request.id, this.callPlan(actor, request.counter), (ticket) => assertStaffOf(actor, ticket.institutionId));
  }

  /** The signed-in operator's own ticket called or in service, so a reloaded console shows it again. */
  async myActive(actor: Actor): Promise<OperatorActiveReply> {
    if (!isStaff(actor) || !actor.userId) throw DomainError.forbidden('Only staff have a ticket of their own in service');
    const ticket = await this.tickets.findServedBy(actor.userId);
    return { ticket: ticket ? await this.positions.withPosition(ticket, 0) : null };
  }

  /** The operator holds no ticket but this one (assertFree). */
  private async assertOperatorFree(actor: Actor, exceptTicketId: string): Promise<void> {
    const key = servingKey(actor);
    if (key) assertFree(await this.tickets.findServedBy(key), exceptTicketId);
  }

  /** A call that lost the race on the one-ticket-per-operator constraint becomes OPERATOR_BUSY; anything else stays. */
  private async busyOr(actor: Actor, error: unknown): Promise<unknown> {
    const key = servingKey(actor);
    if (!key || !uniqueViolation(error)?.includes('servingOperatorId')) return error;
    const held = await this.tickets.findServedBy(key);
    return held ? operatorBusy(held) : error;
  }

  updateStatus(actor: Actor, request: UpdateTicketStatusRequest): Promise<TicketWithPosition> {
    requireFields(request, ['id', 'status']);
    if (!TICKET_STATUS_UPDATES.includes(request.status)) {
      throw DomainError.validation(`status must be one of ${TICKET_STATUS_UPDATES.join(', ')}`, { status: 'invalid' });
    }
    validateNotes(request.notes);
    const notes = request.notes !== undefined ? { notes: request.notes } : {};
    const plans: Record<UpdateTicketStatusRequest['status'], TransitionPlan> = {
      // "Recall later": back in line behind those of its priority who are waiting now, counted.
      WAITING: {
        to: 'WAITING',
        event: 'requeued',
        data: (t, now) => ({ ...notes, recallCount: t.recallCount + 1, counter: null, queuedAt: now, servingOperatorId: null }),
      },
      IN_PROGRESS: { to: 'IN_PROGRESS', event: 'in-progress', data: (_t, now) => ({ ...notes, startedAt: now }) },
      COMPLETED: { to: 'COMPLETED', event: 'completed', data: (_t, now) => ({ ...notes, completedAt: now, activeKey: null, servingOperatorId: null }) },
      NO_SHOW: { to: 'NO_SHOW', event: 'no-show', data: (_t, now) => ({ ...notes, noShowAt: now, activeKey: null, servingOperatorId: null }) },
    };
    return this.transition(actor, request.id, plans[request.status], (ticket) => assertStaffOf(actor, ticket.institutionId));
  }

  /**
   * "Tidak hadir" was wrong (the patient was in the toilet): a NO_SHOW ticket of today goes back to
   * WAITING as the next in line of its priority, with its activeKey back, audited as NO_SHOW -> WAITING.
   * A retry by the same actor answers the same ticket; a patient who took a new ticket since is a 409.
   */
  async reinstate(actor: Actor, request: { id: string }): Promise<TicketWithPosition> {
    requireFields(request, ['id']);
    const current = await this.requireTicket(request.id);
    assertStaffOf(actor, current.institutionId);
    const minutes = await this.positions.minutesPerPatient(current.institutionId, current.serviceId);
    const outcome = await this.tickets.transaction(async (tx) => {
      const ticket = (await this.tickets.lockById(tx, request.id))!;
      if (ticket.status === 'WAITING') {
        const last = await this.tickets.lastTransition(ticket.id, tx);
        if (last?.fromStatus === 'NO_SHOW' && last.actorId === actorId(actor)) return { view: await this.positions.withPosition(ticket, minutes, tx), changed: false };
      }
      const localDate = dateString(ticket.localDate);
      const key = activeKey(ticket.patientUserId, ticket.serviceId, localDate);
      const plan: TransitionPlan = {
        to: 'WAITING',
        event: 'requeued',
        check: (t) => {
          if (t.status !== 'NO_SHOW') {
            throw new DomainError(ErrorCode.INVALID_TRANSITION, `Ticket ${t.displayNumber} is ${t.status}: only a no-show can be reinstated`, {
              currentStatus: t.status,
              requestedStatus: 'WAITING',
            });
          }
          if (localDate !== localDateIn(t.timezone)) {
            throw new DomainError(ErrorCode.INVALID_TRANSITION, `Ticket ${t.displayNumber} belongs to ${localDate}: only today's no-shows can be reinstated`, {
              currentStatus: t.status,
              localDate,
            });
          }
        },
        data: () => ({}),
      };
      plan.check!(ticket);
      const newer = await this.tickets.findByActiveKey(tx, key);
      if (newer) {
        throw new DomainError(ErrorCode.CONFLICT, `The patient already has ticket ${newer.displayNumber} in this service today`, { displayNumber: newer.displayNumber });
      }
      // Next in line of its priority: before whoever of that priority waits now, never later than its own arrival.
      const first = await this.tickets.firstWaitingOf(ticket.institutionId, ticket.serviceId, ticket.priority, tx);
      const queuedAt = first && first.queuedAt <= ticket.queuedAt ? new Date(first.queuedAt.getTime() - 1) : ticket.queuedAt;
      plan.data = () => ({ queuedAt, activeKey: key, noShowAt: null, counter: null, servingOperatorId: null });
      return { view: (await this.applyTransition(tx, actor, ticket, plan, minutes)).view, changed: true };
    });
    if (outcome.changed && outcome.view.status === 'COMPLETED') this.positions.forgetPace(outcome.view.serviceId);
    if (outcome.changed) await this.afterCommit(outcome.view.institutionId, [outcome.view.localDate]);
    return outcome.view;
  }

  /** A patient cancels their own ticket; staff cancel any of their institution's. */
  cancel(actor: Actor, request: CancelTicketRequest): Promise<TicketWithPosition> {
    requireFields(request, ['id']);
    validateNotes(request.reason, 'reason');
    const plan: TransitionPlan = {
      to: 'CANCELLED',
      event: 'cancelled',
      data: (_t, now) => ({ cancelledAt: now, activeKey: null, servingOperatorId: null, ...(request.reason ? { notes: request.reason } : {}) }),
    };
    return this.transition(actor, request.id, plan, (ticket) => assertMayAccessTicket(actor, ticket));
  }

  /**
   * Moves a ticket (waiting, called or in service) to another service of the same institution in one
   * step: the original ends as TRANSFERRED with a link to its successor, which gets the new service's
   * next number but keeps the original arrival time (and so its place) and priority. A refusal
   * (same service, closed or full target, an active ticket there already) changes nothing.
   */
  async transfer(actor: Actor, request: TransferTicketRequest): Promise<{ from: TicketView; to: TicketWithPosition }> {
    requireFields(request, ['id', 'serviceId']);
    const original = await this.requireTicket(request.id);
    assertStaffOf(actor, original.institutionId);
    if (original.transferredToId) {
      const successor = await this.tickets.findById(original.transferredToId);
      if (successor && successor.serviceId === request.serviceId) {
        return { from: toTicketView(original), to: await this.positions.describe(successor) };
      }
    }
    if (request.serviceId === original.serviceId) {
      throw DomainError.validation('The ticket is already in this service; choose another service', { serviceId: 'same service' });
    }
    const target = await this.institutions.availability(original.institutionId, request.serviceId);
    if (!target.institution.active || !target.service.active) {
      throw new DomainError(ErrorCode.SERVICE_CLOSED, `${target.service.name} is not taking patients`, { serviceId: target.service.id });
    }
    const minutes = await this.positions.minutesPerPatient(original.institutionId, request.serviceId, target.service.averageServiceMinutes);
    const sourceMinutes = await this.positions.minutesPerPatient(original.institutionId, original.serviceId);

    const result = await this.tickets.transaction(async (tx) => {
      const ticket = (await this.tickets.lockById(tx, original.id))!;
      assertTransition(ticket, 'TRANSFERRED');
      const successor = await this.issue(tx, actor, target.service, {
        institutionId: ticket.institutionId,
        serviceId: request.serviceId,
        patientUserId: ticket.patientUserId,
        localDate: dateString(ticket.localDate),
        timezone: ticket.timezone,
        priority: ticket.priority,
        category: ticket.category,
        source: ticket.source,
        requestId: `transfer:${ticket.id}`,
        notes: ticket.notes,
        queuedAt: ticket.queuedAt,
        transferredFromId: ticket.id,
      });
      const removedAhead = ticket.status === 'WAITING' ? await this.positions.ahead(ticket, tx) : null;
      const from = await this.tickets.update(tx, ticket, {
        status: 'TRANSFERRED',
        transferredAt: successor.createdAt,
        transferredToId: successor.id,
        activeKey: null,
        servingOperatorId: null,
        updatedBy: actorId(actor),
      });
      await this.audit(tx, from, ticket.status, actor);
      const fromView = await this.positions.withPosition(from, sourceMinutes, tx);
      const toView = await this.positions.withPosition(successor, minutes, tx);
      const sourceWaiting = await this.tickets.countWaiting(ticket.institutionId, ticket.serviceId, tx);
      await this.outbox.add(tx, [
        queueEvent('transferred', fromView, sourceWaiting),
        ...(removedAhead !== null ? await this.shiftEvents(tx, ticket, removedAhead, sourceMinutes, sourceWaiting) : []),
        queueEvent('created', toView, await this.tickets.countWaiting(ticket.institutionId, request.serviceId, tx)),
      ]);
      return { from: toTicketView(from), to: toView };
    }).catch(async (error: unknown) => {
      if (!(error instanceof ActiveTicketExists)) throw error;
      const active = await this.tickets.findById(error.ticketId);
      throw new DomainError(ErrorCode.CONFLICT, `The patient already has an active ticket in ${target.service.name} today`, {
        serviceId: request.serviceId,
        displayNumber: active?.displayNumber,
      });
    });
    await this.afterCommit(result.from.institutionId, [result.from.localDate]);
    return result;
  }

  /**
   * Creates a WAITING ticket (the one way a ticket comes to be, for add and transfer): takes the service's
   * next number of the day under its sequence lock, keeps one active ticket per patient, service and day
   * (throwing ActiveTicketExists, which rolls the number back), refuses a full daily quota, and audits the
   * creation.
   */
  private async issue(
    tx: Tx,
    actor: Actor,
    service: { code: string; name: string; dailyQuota: number | null },
    spec: {
      institutionId: string;
      serviceId: string;
      patientUserId: string;
      localDate: string;
      timezone: string;
      priority: TicketPriority;
      category: PriorityCategory | null;
      source: TicketSource;
      requestId: string;
      notes: string | null;
      queuedAt: Date;
      transferredFromId?: string;
    },
  ): Promise<Ticket> {
    const key = activeKey(spec.patientUserId, spec.serviceId, spec.localDate);
    const { sequence, activeTicketId, issued } = await this.tickets.takeNumber(tx, spec, key, service.dailyQuota !== null);
    if (activeTicketId) throw new ActiveTicketExists(activeTicketId);
    if (service.dailyQuota !== null && issued! >= service.dailyQuota) {
      throw new DomainError(ErrorCode.QUOTA_EXCEEDED, `${service.name} has issued all ${service.dailyQuota} tickets for today`, {
        serviceId: spec.serviceId,
        dailyQuota: service.dailyQuota,
      });
    }
    const now = new Date();
    const ticket: Ticket = {
      id: randomUUID(),
      institutionId: spec.institutionId,
      serviceId: spec.serviceId,
      patientUserId: spec.patientUserId,
      localDate: dateValue(spec.localDate),
      timezone: spec.timezone,
      sequence,
      displayNumber: displayNumber(service.code, sequence),
      priority: spec.priority,
      category: spec.category,
      status: 'WAITING',
      source: spec.source,
      requestId: spec.requestId,
      activeKey: key,
      callRequestId: null,
      counter: null,
      servingOperatorId: null,
      notes: spec.notes,
      recallCount: 0,
      queuedAt: spec.queuedAt,
      createdAt: now,
      calledAt: null,
      startedAt: null,
      completedAt: null,
      noShowAt: null,
      cancelledAt: null,
      transferredAt: null,
      transferredFromId: spec.transferredFromId ?? null,
      transferredToId: null,
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
      updatedAt: now,
    };
    await this.tickets.insert(tx, ticket);
    await this.audit(tx, ticket, null, actor);
    return ticket;
  }

  async findOne(actor: Actor, request: { id: string }): Promise<TicketWithPosition> {
    requireFields(request, ['id']);
    const found = await this.tickets.findWithStrictAhead(request.id);
    if (!found) throw DomainError.notFound(`Ticket ${request.id}`);
    assertMayAccessTicket(actor, found.ticket);
    return this.positions.describe(found.ticket, found.strictAhead);
  }

  async list(actor: Actor, request: ListTicketsRequest): Promise<Page<TicketView>> {
    requireFields(request, ['institutionId']);
    assertStaffOf(actor, request.institutionId);
    if (request.status !== undefined && !TICKET_STATUSES.includes(request.status)) {
      throw DomainError.validation(`status must be one of ${TICKET_STATUSES.join(', ')}`, { status: 'invalid' });
    }
    assertLocalDate(request.date);
    const page = Math.max(1, Math.floor(request.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(request.pageSize ?? 20)));
    const { items, total } = await this.tickets.list(
      { institutionId: request.institutionId, serviceId: request.serviceId, status: request.status, localDate: request.date },
      page,
      pageSize,
    );
    return { items: items.map(toTicketView), page, pageSize, total };
  }

  /** What the operator's console lists: the service's waiting tickets in the order call-next calls them. */
  async waitingLine(actor: Actor, request: WaitingLineRequest): Promise<WaitingLineReply> {
    requireFields(request, ['institutionId', 'serviceId']);
    assertStaffOf(actor, request.institutionId);
    const [items, waiting] = await Promise.all([
      this.positions.line(request.institutionId, request.serviceId, WAITING_LINE_SIZE),
      this.tickets.countWaiting(request.institutionId, request.serviceId),
    ]);
    return { items, waiting };
  }

  /** A patient's active tickets, with where each stands. */
  async myQueue(actor: Actor): Promise<TicketWithPosition[]> {
    if (actor.kind !== 'user' || actor.role !== 'PASIEN' || !actor.userId) {
      throw DomainError.forbidden('Only a signed-in patient has their own queue');
    }
    const tickets = await this.tickets.activeForPatient(actor.userId);
    return Promise.all(tickets.map((ticket) => this.positions.describe(ticket)));
  }

  /** What a display board shows today: numbers being served and next, per service. Public. */
  async current(request: { institutionId: string }): Promise<CurrentQueueReply> {
    requireFields(request, ['institutionId']);
    const date = localDateIn(await this.institutions.timezone(request.institutionId));
    const tickets = await this.tickets.forDay(request.institutionId, date);
    const serviceIds = [...new Set(tickets.map((t) => t.serviceId))];
    const ratios = new Map(await Promise.all(serviceIds.map(async (id) => [id, await this.institutions.laneRatio(request.institutionId, id)] as const)));
    const calls = await this.tickets.recentCalls(request.institutionId, date, BOARD_SIZE);
    return boardOf(request.institutionId, date, tickets, ratios, calls);
  }

  /** What each service's quota has used today: the kiosk shows "Penuh" from it. Public (counts only). */
  async issuedToday(request: { institutionId: string }): Promise<IssuedTodayReply> {
    requireFields(request, ['institutionId']);
    const date = localDateIn(await this.institutions.timezone(request.institutionId));
    return { date, issued: await this.tickets.issuedPerService(request.institutionId, date) };
  }

  private callPlan(actor: Actor, counter: string, callRequestId?: string): TransitionPlan {
    return {
      to: 'CALLED',
      event: 'called',
      counter,
      data: (ticket, now) => ({
        counter,
        calledAt: ticket.calledAt ?? now,
        servingOperatorId: servingKey(actor),
        ...(callRequestId ? { callRequestId } : {}),
      }),
    };
  }

  private async transition(
    actor: Actor,
    id: string,
    plan: TransitionPlan,
    authorize: (ticket: Ticket) => void,
  ): Promise<TicketWithPosition> {
    const current = await this.requireTicket(id);
    authorize(current);
    const minutes = await this.positions.minutesPerPatient(current.institutionId, current.serviceId);
    let outcome: { view: TicketWithPosition; changed: boolean };
    try {
      outcome = await this.tickets.transaction(async (tx) => {
        const ticket = (await this.tickets.lockById(tx, id))!;
        // A retry of a change this actor already made answers the same, instead of a 409.
        if (ticket.status === plan.to && ticket.updatedBy === actorId(actor) && (plan.counter === undefined || plan.counter === ticket.counter)) {
          return { view: await this.positions.withPosition(ticket, minutes, tx), changed: false };
        }
        return { view: (await this.applyTransition(tx, actor, ticket, plan, minutes)).view, changed: true };
      });
    } catch (error) {
      throw await this.busyOr(actor, error);
    }
    if (outcome.changed && outcome.view.status === 'COMPLETED') this.positions.forgetPace(outcome.view.serviceId);
    if (outcome.changed) await this.afterCommit(outcome.view.institutionId, [outcome.view.localDate]);
    return outcome.view;
  }

  /**
   * The one place a status changes: checks the flow, writes the change, its audit row and its events. Returns
   * the ticket where it now stands and how many wait in its service.
   */
  private async applyTransition(
    tx: Tx,
    actor: Actor,
    ticket: Ticket,
    plan: TransitionPlan,
    minutes: number,
  ): Promise<{ view: TicketWithPosition; waiting: number }> {
    if (plan.check) plan.check(ticket);
    else assertTransition(ticket, plan.to);
    const before = ticket.status === 'WAITING' ? await this.positions.standing(ticket, tx) : null;
    const updated = await this.tickets.update(tx, ticket, { ...plan.data(ticket, new Date()), status: plan.to, updatedBy: actorId(actor) });
    await this.audit(tx, updated, ticket.status, actor);
    // A ticket leaving the line (a call, a cancel) has no place and leaves one fewer waiting: no need to count again.
    const after = before ? { ahead: 0, waiting: before.waiting - 1 } : await this.positions.standing(updated, tx);
    const view = { ...toTicketView(updated), ahead: after.ahead, etaMinutes: etaMinutes(after.ahead, minutes) };
    const events = [queueEvent(plan.event, view, after.waiting)];
    if (before) events.push(...(await this.shiftEvents(tx, ticket, before.ahead, minutes, after.waiting)));
    await this.outbox.add(tx, events);
    return { view, waiting: after.waiting };
  }

  /** Announces the tickets that moved up to "next" or to "3 ahead" because `left` left the line. */
  private async shiftEvents(tx: Tx, left: Ticket, removedAhead: number, minutes: number, waiting: number): Promise<QueueEvent[]> {
    const reached = positionsReached(removedAhead);
    if (!reached.length) return [];
    const head = await this.positions.order(left.institutionId, left.serviceId, tx, Math.max(...reached.map((r) => r.index)) + 1);
    return reached
      .filter(({ index }) => head[index])
      .map(({ index, type }) => queueEvent(type, { ...toTicketView(head[index]), ahead: index, etaMinutes: etaMinutes(index, minutes) }, waiting));
  }

  private async audit(tx: Tx, ticket: Ticket, from: TicketStatus | null, actor: Actor): Promise<void> {
    await this.tickets.recordTransition(tx, {
      ticketId: ticket.id,
      fromStatus: from,
      toStatus: ticket.status,
      actorKind: actor.kind,
      actorId: actorId(actor),
      actorRole: actor.role ?? null,
      counter: ticket.counter,
      requestId: requestContext.requestId() ?? null,
      at: ticket.updatedAt,
    });
  }

  private async afterCommit(institutionId: string, dates: string[]): Promise<void> {
    void this.relay.flush();
    await Promise.all([...new Set(dates)].map((date) => this.stats.invalidate(institutionId, date)));
  }

  private async requireTicket(id: string): Promise<Ticket> {
    const ticket = await this.tickets.findById(id);
    if (!ticket) throw DomainError.notFound(`Ticket ${id}`);
    return ticket;
  }

  /** The same requestId must mean the same request: a key reused for someone else is a client bug. */
  private async existingFor(request: AddToQueueRequest, ticket: Ticket): Promise<TicketWithPosition> {
    if (ticket.patientUserId !== request.patientUserId || ticket.institutionId !== request.institutionId) {
      throw new DomainError(ErrorCode.CONFLICT, 'This requestId was already used for a different ticket; send a new one', {
        requestId: request.requestId,
      });
    }
    return this.positions.describe(ticket);
  }
}
