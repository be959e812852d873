import { utcDate } from '@mediq/common';
import { Prisma, Ticket } from '../generated/prisma/client';

/** Every column of `tickets`, as Prisma Client reads them. */
export const TICKET_COLUMNS = Object.values(Prisma.TicketScalarFieldEnum).join(', ');

/** The DateTime columns of Ticket (ticket-row.spec.ts checks the list against the schema). */
export const TICKET_DATE_FIELDS = [
  'localDate', 'queuedAt', 'createdAt', 'calledAt', 'startedAt', 'completedAt', 'noShowAt', 'cancelledAt', 'transferredAt', 'updatedAt',
] as const satisfies ReadonlyArray<keyof Ticket>;

/** A `tickets` row from the read pool (dates as UTC strings) as the Ticket Prisma Client would return. */
export function ticketFromRow(row: Record<string, unknown>): Ticket {
  const ticket = { ...row } as Record<string, unknown>;
  for (const field of TICKET_DATE_FIELDS) ticket[field] = utcDate(row[field] as string | null);
  return ticket as unknown as Ticket;
}
