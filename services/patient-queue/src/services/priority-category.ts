import { AddToQueueRequest, PriorityCategory, TicketPriority } from '@mediq/contracts';

/** The age from which a patient is lansia when the institution service does not say (InstitutionView.lansiaAge). */
export const DEFAULT_LANSIA_AGE = 60;

/**
 * A ticket's priority and category: a declared (or staff-set) category, else LANSIA when the birth date
 * the caller passed makes the patient at least `lansiaAge` on the ticket's day, puts it in the priority
 * lane (HIGH); URGENT chosen by staff stays URGENT; otherwise the requested priority or NORMAL.
 */
export function priorityOf(
  request: Pick<AddToQueueRequest, 'priority' | 'category' | 'patientBirthDate'>,
  localDate: string,
  lansiaAge: number,
): { priority: TicketPriority; category: PriorityCategory | null } {
  const lansia = request.patientBirthDate !== undefined && ageOn(request.patientBirthDate, localDate) >= lansiaAge;
  const category = request.category ?? (lansia ? 'LANSIA' : null);
  if (request.priority === 'URGENT') return { priority: 'URGENT', category };
  return { priority: category ? 'HIGH' : (request.priority ?? 'NORMAL'), category };
}

/** Whole years from a YYYY-MM-DD birth date to a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
