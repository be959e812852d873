import { DomainError } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';

/**
 * Who may change institutions. Reads are public. A platform-level admin is the system actor (the
 * seed, other services) or an ADMIN_FASKES account bound to no institution; an institution's own
 * ADMIN_FASKES manages that institution and its services only.
 */
export function isPlatformAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'ADMIN_FASKES' && !actor.institutionId);
}

function requireSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in as a facility administrator to change institutions');
  }
}

export function assertCanCreateInstitution(actor: Actor): void {
  requireSignedIn(actor);
  if (!isPlatformAdmin(actor)) throw DomainError.forbidden('Only a platform administrator can register a new institution');
}

export function assertCanManageInstitution(actor: Actor, institutionId: string): void {
  requireSignedIn(actor);
  if (isPlatformAdmin(actor)) return;
  if (actor.role === 'ADMIN_FASKES' && actor.institutionId === institutionId) return;
  throw DomainError.forbidden('Only an administrator of this institution can change it');
}
