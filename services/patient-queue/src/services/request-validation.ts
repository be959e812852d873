import { AddToQueueRequest, PRIORITY_CATEGORIES, TICKET_PRIORITIES, TICKET_SOURCES } from '@mediq/contracts';
import { DomainError } from '@mediq/common';

/** Input checks of the queue's requests: a 400 naming each bad field, before any rule or row is looked at. */

export function requireFields<T extends object>(request: T, fields: Array<keyof T & string>): void {
  const missing = fields.filter((field) => typeof request?.[field] !== 'string' || !(request[field] as string).trim());
  if (missing.length) {
    throw DomainError.validation(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`, Object.fromEntries(missing.map((f) => [f, 'required'])));
  }
}

export function validateAdd(request: AddToQueueRequest): void {
  requireFields(request, ['institutionId', 'serviceId', 'patientUserId', 'requestId', 'source']);
  const fields: Record<string, string> = {};
  if (request.requestId.length > 128) fields.requestId = 'at most 128 characters';
  if (request.priority !== undefined && !TICKET_PRIORITIES.includes(request.priority)) fields.priority = `one of ${TICKET_PRIORITIES.join(', ')}`;
  if (request.category !== undefined && !PRIORITY_CATEGORIES.includes(request.category)) fields.category = `one of ${PRIORITY_CATEGORIES.join(', ')}`;
  if (request.patientBirthDate !== undefined && !isPastDate(request.patientBirthDate)) fields.patientBirthDate = 'a past date written YYYY-MM-DD';
  if (!TICKET_SOURCES.includes(request.source)) fields.source = `one of ${TICKET_SOURCES.join(', ')}`;
  if (request.notes !== undefined && (typeof request.notes !== 'string' || request.notes.length > 500)) fields.notes = 'at most 500 characters';
  if (Object.keys(fields).length) {
    throw DomainError.validation(`Invalid ${Object.keys(fields).join(', ')}: ${Object.entries(fields).map(([f, m]) => `${f} must be ${m}`).join('; ')}`, fields);
  }
}

export function validateCounter(counter: string): void {
  if (counter.length > 32) throw DomainError.validation('counter must be at most 32 characters', { counter: 'at most 32 characters' });
}

export function validateNotes(notes: string | undefined, field = 'notes'): void {
  if (notes !== undefined && (typeof notes !== 'string' || notes.length > 500)) {
    throw DomainError.validation(`${field} must be text of at most 500 characters`, { [field]: 'at most 500 characters' });
  }
}

function isPastDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() < Date.now() && value >= '1900-01-01';
}
