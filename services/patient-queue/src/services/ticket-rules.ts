import { Actor, ErrorCode, isStaffActor as isStaff, TicketPriority, TicketStatus, TICKET_PRIORITIES } from '@mediq/contracts';
import { DomainError } from '@mediq/common';

/** The only status changes a ticket may make; anything else is a 409 naming the current status. */
const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  WAITING: ['CALLED', 'CANCELLED', 'TRANSFERRED'],
  CALLED: ['IN_PROGRESS', 'WAITING', 'NO_SHOW', 'CANCELLED', 'TRANSFERRED'],
  IN_PROGRESS: ['COMPLETED', 'TRANSFERRED'],
  COMPLETED: [],
  NO_SHOW: [],
  CANCELLED: [],
  TRANSFERRED: [],
};

export function assertTransition(ticket: { status: TicketStatus; displayNumber: string }, to: TicketStatus): void {
  if (!ALLOWED[ticket.status].includes(to)) {
    const allowed = ALLOWED[ticket.status];
    throw new DomainError(
      ErrorCode.INVALID_TRANSITION,
      `Ticket ${ticket.displayNumber} is ${ticket.status} and cannot become ${to}` +
        (allowed.length ? ` (from ${ticket.status} it can become ${allowed.join(', ')})` : ` (${ticket.status} is final)`),
      { currentStatus: ticket.status, requestedStatus: to },
    );
  }
}

/** Lower is called first. */
export function priorityRank(priority: TicketPriority): number {
  return TICKET_PRIORITIES.indexOf(priority);
}

/** "A" + 7 -> "A-007"; sequences past 999 keep all their digits. */
export function displayNumber(serviceCode: string, sequence: number): string {
  return `${serviceCode}-${String(sequence).padStart(3, '0')}`;
}

/** The key that makes "one active ticket per patient, service and local day" a unique constraint. */
export function activeKey(patientUserId: string, serviceId: string, localDate: string): string {
  return `${patientUserId}:${serviceId}:${localDate}`;
}

/** Who did it, for the audit trail: a user id, a kiosk key id, or the actor kind. */
export function actorId(actor: Actor): string {
  return actor.userId ?? actor.kioskKeyId ?? actor.kind;
}

export { isStaffActor as isStaff } from '@mediq/contracts';

/** Staff act only inside their own institution; the system actor (internal calls) everywhere. */
export function assertStaffOf(actor: Actor, institutionId: string): void {
  if (actor.kind === 'system') return;
  if (!isStaff(actor)) throw DomainError.forbidden('Only staff of this institution may do this');
  if (actor.institutionId !== institutionId) throw DomainError.forbidden('Staff may act only inside their own institution');
}

/**
 * Reading or cancelling one ticket: its patient, staff of its institution, or the system.
 * A kiosk may read the tickets of its own institution (to print them).
 */
export function assertMayAccessTicket(actor: Actor, ticket: { institutionId: string; patientUserId: string }): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'user' && actor.role === 'PASIEN' && actor.userId === ticket.patientUserId) return;
  if (actor.kind === 'kiosk' && actor.institutionId === ticket.institutionId) return;
  if (isStaff(actor) && actor.institutionId === ticket.institutionId) return;
  throw DomainError.forbidden('You may only see your own tickets or those of your institution');
}

/** Who may issue a ticket: staff and kiosks of the institution, or a patient for themself. */
export function assertMayAdd(actor: Actor, request: { institutionId: string; patientUserId: string }): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'kiosk' && actor.institutionId === request.institutionId) return;
  if (isStaff(actor) && actor.institutionId === request.institutionId) return;
  if (actor.kind === 'user' && actor.role === 'PASIEN') {
    if (actor.userId === request.patientUserId) return;
    throw DomainError.forbidden('A patient may only take a ticket for themself');
  }
  throw DomainError.forbidden('Only staff, a kiosk of this institution, or the patient may take a ticket');
}
