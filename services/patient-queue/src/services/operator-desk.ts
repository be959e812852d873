import { Actor, ErrorCode } from '@mediq/contracts';
import { DomainError } from '@mediq/common';
import { Ticket } from '../generated/prisma/client';

/** Whose "one active ticket" a call counts against: a signed-in person's user id (the system actor has none). */
export function servingKey(actor: Actor): string | null {
  return actor.kind === 'user' && actor.userId ? actor.userId : null;
}

export function operatorBusy(held: Ticket): DomainError {
  return new DomainError(ErrorCode.OPERATOR_BUSY, `You are still serving ${held.displayNumber} (${held.status}): finish, skip or transfer it before calling another`, {
    ticketId: held.id,
    displayNumber: held.displayNumber,
    status: held.status,
  });
}

/**
 * One patient at a time per operator: calling again while one is called or in service would orphan them.
 * `held` is the ticket the operator holds; it may be the one being called again (`exceptTicketId`), or the
 * one a concurrent retry of this very call took (the call's next pass answers with it).
 */
export function assertFree(held: Ticket | null, exceptTicketId?: string, callRequestId?: string): void {
  if (!held || (callRequestId && held.callRequestId === callRequestId)) return;
  if (held.id !== exceptTicketId) throw operatorBusy(held);
}
