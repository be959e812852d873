import { Page, PageQuery, rpc } from './rpc';

/** Call order: URGENT before HIGH before NORMAL before LOW, then by arrival. */
export type TicketPriority = 'URGENT' | 'HIGH' | 'NORMAL' | 'LOW';
export const TICKET_PRIORITIES: readonly TicketPriority[] = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];

/**
 * Why a ticket is in the priority lane (priority HIGH). Any patient may declare one at the kiosk or in
 * the app, and staff may set one; LANSIA is also set automatically from the KTP birth date at the
 * institution's age threshold (InstitutionView.lansiaAge). URGENT (emergencies) stays staff-only.
 */
export type PriorityCategory = 'LANSIA' | 'IBU_HAMIL' | 'DISABILITAS' | 'ANAK_BALITA';
export const PRIORITY_CATEGORIES: readonly PriorityCategory[] = ['LANSIA', 'IBU_HAMIL', 'DISABILITAS', 'ANAK_BALITA'];

/**
 * The lanes call-next serves: URGENT always first; then, with a service call ratio
 * (ServiceView.priorityLaneCalls : generalLaneCalls), the priority lane (HIGH) and the general lane
 * (NORMAL, then LOW) alternate in that ratio while both wait; without one, strict priority.
 */
export type QueueLane = 'URGENT' | 'PRIORITY' | 'GENERAL';
export function laneOf(priority: TicketPriority): QueueLane {
  return priority === 'URGENT' ? 'URGENT' : priority === 'HIGH' ? 'PRIORITY' : 'GENERAL';
}

/**
 * WAITING -> CALLED -> IN_PROGRESS -> COMPLETED; CALLED -> WAITING (recall later) | NO_SHOW;
 * NO_SHOW -> WAITING only by an explicit, audited reinstate, on the ticket's own day;
 * WAITING | CALLED -> CANCELLED; WAITING | CALLED | IN_PROGRESS -> TRANSFERRED (a successor ticket in another service).
 */
export type TicketStatus = 'WAITING' | 'CALLED' | 'IN_PROGRESS' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED' | 'TRANSFERRED';
export const TICKET_STATUSES: readonly TicketStatus[] = ['WAITING', 'CALLED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'TRANSFERRED'];
export const ACTIVE_TICKET_STATUSES: readonly TicketStatus[] = ['WAITING', 'CALLED', 'IN_PROGRESS'];

/** The statuses PATCH /queue/:id/status may ask for (calling, cancelling and transferring have their own routes). */
export type TicketStatusUpdate = 'WAITING' | 'IN_PROGRESS' | 'COMPLETED' | 'NO_SHOW';
export const TICKET_STATUS_UPDATES: readonly TicketStatusUpdate[] = ['WAITING', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW'];

export type TicketSource = 'KIOSK' | 'OPERATOR' | 'APP';
export const TICKET_SOURCES: readonly TicketSource[] = ['KIOSK', 'OPERATOR', 'APP'];

export interface TicketView {
  id: string;
  institutionId: string;
  serviceId: string;
  patientUserId: string;
  /** Service code + daily sequence, e.g. "A-007". */
  displayNumber: string;
  /** The institution-local day the ticket belongs to (YYYY-MM-DD). */
  localDate: string;
  priority: TicketPriority;
  /** Why it is in the priority lane (declared, set by staff, or LANSIA from the birth date); null otherwise. */
  category: PriorityCategory | null;
  status: TicketStatus;
  source: TicketSource;
  counter: string | null;
  notes: string | null;
  recallCount: number;
  /** Arrival time: the call order within a priority; a transferred ticket keeps its original one. */
  queuedAt: string;
  createdAt: string;
  calledAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  noShowAt: string | null;
  cancelledAt: string | null;
  transferredAt: string | null;
  transferredFromId: string | null;
  transferredToId: string | null;
}

/** A ticket with where it stands: people ahead by the call order, and the estimated wait. */
export interface TicketWithPosition extends TicketView {
  /** WAITING tickets that will be called before this one; 0 once called. */
  ahead: number;
  etaMinutes: number;
}

export interface AddToQueueRequest {
  institutionId: string;
  serviceId: string;
  patientUserId: string;
  /** Idempotency key (a kiosk scan id, an app request id): the same key always returns the same ticket. */
  requestId: string;
  /** Staff only when other than NORMAL. A category implies HIGH (unless staff chose URGENT). */
  priority?: TicketPriority;
  /** Declared by the patient (kiosk, app) or set by staff: the ticket goes to the priority lane. */
  category?: PriorityCategory;
  /**
   * The patient's birth date (YYYY-MM-DD, as printed on the KTP), when the caller knows it (the ocr
   * service after a scan): at or above the institution's lansiaAge the ticket is LANSIA. Not stored.
   */
  patientBirthDate?: string;
  source: TicketSource;
  notes?: string;
}

export interface AddToQueueReply {
  ticket: TicketWithPosition;
  /** false when an existing ticket was returned (same requestId, or the patient's active ticket today). */
  created: boolean;
}

export interface CallNextRequest {
  institutionId: string;
  serviceId: string;
  counter: string;
  /** Idempotency key of the call: a retried call returns the ticket it called the first time. */
  requestId?: string;
}

/** `ticket` is null when nobody waits. */
export interface CallNextReply {
  ticket: TicketWithPosition | null;
  waiting: number;
}

export interface OperatorActiveReply {
  /** null when the operator has nobody called or in service. */
  ticket: TicketWithPosition | null;
}

export interface CallTicketRequest {
  id: string;
  counter: string;
}

export interface UpdateTicketStatusRequest {
  id: string;
  status: TicketStatusUpdate;
  notes?: string;
}

export interface CancelTicketRequest {
  id: string;
  reason?: string;
}

export interface TransferTicketRequest {
  id: string;
  serviceId: string;
}

export interface ListTicketsRequest extends PageQuery {
  institutionId: string;
  serviceId?: string;
  status?: TicketStatus;
  /** YYYY-MM-DD, institution-local; defaults to today. */
  date?: string;
}

export interface WaitingLineRequest {
  institutionId: string;
  serviceId: string;
}

/** How many of a service's waiting tickets the waiting line lists. */
export const WAITING_LINE_SIZE = 100;

export interface WaitingLineReply {
  /** The first WAITING_LINE_SIZE waiting tickets in the order call-next calls them (lanes applied), each with its place and wait. */
  items: TicketWithPosition[];
  /** All of the service's waiting tickets. */
  waiting: number;
}

export interface QueueStatsRequest {
  institutionId: string;
  serviceId?: string;
  /** YYYY-MM-DD, institution-local; defaults to today. */
  date?: string;
}

export interface QueueStats {
  institutionId: string;
  serviceId: string | null;
  date: string;
  total: number;
  waiting: number;
  called: number;
  inProgress: number;
  served: number;
  noShows: number;
  cancelled: number;
  transferred: number;
  /** Minutes from arrival to first call, over tickets called that day; null when none. */
  averageWaitMinutes: number | null;
  /** Minutes from start of service to completion, over completed tickets; null when none. */
  averageServiceMinutes: number | null;
  /** Per institution-local hour ("08".."17"): tickets issued and tickets completed. */
  perHour: Array<{ hour: string; issued: number; served: number }>;
  /** The same day split by lane (URGENT, PRIORITY: HIGH, GENERAL: NORMAL and LOW). */
  lanes: Record<QueueLane, LaneStats>;
}

export interface LaneStats {
  total: number;
  waiting: number;
  served: number;
  /** Minutes from arrival to first call, over the lane's tickets called that day; null when none. */
  averageWaitMinutes: number | null;
}

/** What a display board shows: numbers only, never who holds them. */
export interface BoardTicket {
  displayNumber: string;
  serviceId: string;
  status: TicketStatus;
  counter: string | null;
  priority: TicketPriority;
  category: PriorityCategory | null;
}

export interface IssuedTodayReply {
  date: string;
  /** serviceId -> tickets counted against its daily quota; a service without tickets is absent. */
  issued: Record<string, number>;
}

/** One call as the board lists it: the number, where to go, and when it was called (each recall is a call of its own). */
export interface BoardCall extends BoardTicket {
  calledAt: string;
}

export interface CurrentQueueReply {
  institutionId: string;
  date: string;
  /** The server's clock when it answered: a board compares call times with it, not with its own clock. */
  at: string;
  /** The institution's last calls of the day (up to 5, every service), newest first. */
  recentCalls: BoardCall[];
  services: Array<{
    serviceId: string;
    /** Tickets being called or served now, latest call first. */
    nowServing: BoardTicket[];
    /** The next tickets in call order. */
    next: BoardTicket[];
    waiting: number;
  }>;
}

export const QueueContracts = {
  addToQueue: rpc<AddToQueueRequest, AddToQueueReply>('patient-queue', 'queue.add-to-queue'),
  getNext: rpc<CallNextRequest, CallNextReply>('patient-queue', 'queue.get-next'),
  call: rpc<CallTicketRequest, TicketWithPosition>('patient-queue', 'queue.call'),
  updateStatus: rpc<UpdateTicketStatusRequest, TicketWithPosition>('patient-queue', 'queue.update-status'),
  cancel: rpc<CancelTicketRequest, TicketWithPosition>('patient-queue', 'queue.cancel'),
  /** A NO_SHOW ticket of today goes back to WAITING, next in line of its priority (the patient came after all). */
  reinstate: rpc<{ id: string }, TicketWithPosition>('patient-queue', 'queue.reinstate'),
  transfer: rpc<TransferTicketRequest, { from: TicketView; to: TicketWithPosition }>('patient-queue', 'queue.transfer'),
  findOne: rpc<{ id: string }, TicketWithPosition>('patient-queue', 'queue.find-one'),
  list: rpc<ListTicketsRequest, Page<TicketView>>('patient-queue', 'queue.list'),
  /** A service's waiting tickets in call order: what the operator's console lists. Staff of the institution. */
  waitingLine: rpc<WaitingLineRequest, WaitingLineReply>('patient-queue', 'queue.waiting-line'),
  myQueue: rpc<Record<string, never>, TicketWithPosition[]>('patient-queue', 'queue.my-queue'),
  /** The signed-in operator's own CALLED or IN_PROGRESS ticket (one at most), e.g. after a reload. */
  myActive: rpc<Record<string, never>, OperatorActiveReply>('patient-queue', 'queue.my-active'),
  getStats: rpc<QueueStatsRequest, QueueStats>('patient-queue', 'queue.get-stats'),
  current: rpc<{ institutionId: string }, CurrentQueueReply>('patient-queue', 'queue.current'),
  /** Whether a patient has or had a ticket at an institution (staff may see only such patients). Internal. */
  patientVisited: rpc<{ patientUserId: string; institutionId: string }, { visited: boolean }>('patient-queue', 'queue.patient-visited'),
  /** Tickets each service issued today (the institution's day), cancelled ones not counted: what a quota has used. Public. */
  issuedToday: rpc<{ institutionId: string }, IssuedTodayReply>('patient-queue', 'queue.issued-today'),
} as const;

/** Queue events travel on this durable topic exchange (prefixed per environment like every name). */
export function queueEventsExchange(prefix = ''): string {
  return `${prefix}queue.events`;
}

export type QueueEventType =
  | 'created'
  | 'called'
  | 'requeued'
  | 'in-progress'
  | 'completed'
  | 'no-show'
  | 'cancelled'
  | 'transferred'
  /** The ticket has exactly QUEUE_ALMOST_READY_AHEAD people ahead of it. */
  | 'almost-ready'
  /** The ticket is next in line. */
  | 'ready';

export const QUEUE_ALMOST_READY_AHEAD = 3;

/** `institution.<id>.service.<id>.<event>`; bind with `institution.<id>.#` or `#` for everything. */
export function queueEventRoutingKey(institutionId: string, serviceId: string, event: QueueEventType): string {
  return `institution.${institutionId}.service.${serviceId}.${event}`;
}

export interface QueueEvent {
  /** Unique per event: consumers drop duplicates (delivery is at least once). */
  eventId: string;
  type: QueueEventType;
  /** The request that caused the change (for tracing). */
  requestId: string | null;
  occurredAt: string;
  institutionId: string;
  serviceId: string;
  ticket: TicketView & { ahead: number; etaMinutes: number };
  /** WAITING tickets in the service after the change. */
  waiting: number;
}
