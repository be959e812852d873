import { Actor } from '@mediq/contracts';
import type { Prisma } from '../generated/prisma/client';

/** One audit row: who did which action to which record, and the names (never values) of the fields it set. */
export interface AuditEntry {
  action: string;
  actor: Actor;
  changedFields: string[];
}

export function auditRow(entry: AuditEntry, entityType: 'institution' | 'service', entityId: string, institutionId: string): Prisma.AuditLogCreateManyInput {
  return {
    action: entry.action,
    entityType,
    entityId,
    institutionId,
    actorKind: entry.actor.kind,
    actorId: entry.actor.userId ?? entry.actor.kioskKeyId ?? null,
    changedFields: entry.changedFields,
  };
}
