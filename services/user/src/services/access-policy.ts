import { Actor, isStaffActor as isStaff, Role } from '@mediq/contracts';

/** The parts of a user the scope rules look at. */
export interface ScopedUser {
  id: string;
  role: Role;
  institutionId: string | null;
}

export { isStaffActor as isStaff } from '@mediq/contracts';

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'ADMIN_FASKES';
}

function isSelf(actor: Actor, target: ScopedUser): boolean {
  return actor.kind === 'user' && actor.userId === target.id;
}

function sameInstitution(actor: Actor, target: ScopedUser): boolean {
  return !!actor.institutionId && actor.institutionId === target.institutionId;
}

/**
 * Who may read a user: the user; staff may read any patient (a patient registered elsewhere still
 * walks in) and the staff of their own institution.
 */
export function canRead(actor: Actor, target: ScopedUser): boolean {
  if (actor.kind === 'system' || isSelf(actor, target)) return true;
  return isStaff(actor) && (target.role === 'PASIEN' || sameInstitution(actor, target));
}

/** Who may change a user's profile: the user, or an ADMIN_FASKES for users of their institution. */
export function canUpdate(actor: Actor, target: ScopedUser): boolean {
  if (actor.kind === 'system' || isSelf(actor, target)) return true;
  return isAdmin(actor) && sameInstitution(actor, target);
}

/** Who may change a role or delete: an ADMIN_FASKES for other users of their institution. */
export function canManage(actor: Actor, target: ScopedUser): boolean {
  if (actor.kind === 'system') return true;
  return isAdmin(actor) && !isSelf(actor, target) && sameInstitution(actor, target);
}

/** Who may act on an institution's kiosk keys and staff accounts: its ADMIN_FASKES. */
export function canAdministerInstitution(actor: Actor, institutionId: string): boolean {
  return actor.kind === 'system' || (isAdmin(actor) && actor.institutionId === institutionId);
}
