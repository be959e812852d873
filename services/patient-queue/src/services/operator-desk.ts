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
