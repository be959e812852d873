import { BoardTicket, TicketView } from '@mediq/contracts';
import { Ticket } from '../generated/prisma/client';
import { dateString } from '../repositories/ticket.repository';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export function toTicketView(ticket: Ticket): TicketView {
  return {
    id: ticket.id,
    institutionId: ticket.institutionId,
    serviceId: ticket.serviceId,
    patientUserId: ticket.patientUserId,
    displayNumber: ticket.displayNumber,
    localDate: dateString(ticket.localDate),
    priority: ticket.priority,
    category: ticket.category,
    status: ticket.status,
    source: ticket.source,
    counter: ticket.counter,
    notes: ticket.notes,
    recallCount: ticket.recallCount,
    queuedAt: ticket.queuedAt.toISOString(),
    createdAt: ticket.createdAt.toISOString(),
    calledAt: iso(ticket.calledAt),
    startedAt: iso(ticket.startedAt),
    completedAt: iso(ticket.completedAt),
    noShowAt: iso(ticket.noShowAt),
    cancelledAt: iso(ticket.cancelledAt),
    transferredAt: iso(ticket.transferredAt),
    transferredFromId: ticket.transferredFromId,
    transferredToId: ticket.transferredToId,
  };
}

/** What a display board may show: the number, never who holds it. */
export function toBoardTicket(ticket: Pick<Ticket, 'displayNumber' | 'serviceId' | 'status' | 'counter' | 'priority' | 'category'>): BoardTicket {
  return {
    displayNumber: ticket.displayNumber,
    serviceId: ticket.serviceId,
    status: ticket.status,
    counter: ticket.counter,
    priority: ticket.priority,
    category: ticket.category,
  };
}
