import { utcDate } from '@mediq/common';
import { Prisma, Ticket } from '../generated/prisma/client';

/** Every scalar field of Ticket, in the order of the `tickets` columns Prisma Client reads. */
export const TICKET_FIELDS = Object.values(Prisma.TicketScalarFieldEnum) as ReadonlyArray<keyof Ticket>;

/** Every column of `tickets`, as Prisma Client reads them. */
export const TICKET_COLUMNS = TICKET_FIELDS.join(', ');

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

/**
 * `INSERT INTO <table> (<columns>) VALUES (?, ...), ...` for `rows` rows: the statements that write a whole
 * row in plain SQL name their columns from the generated client's field lists (ticket-row.spec.ts).
 */
export function insertStatement(table: string, columns: readonly string[], rows = 1): string {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
}
