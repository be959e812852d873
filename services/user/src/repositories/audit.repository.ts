import { Injectable } from '@nestjs/common';
import { requestContext } from '@mediq/common';
import { Actor } from '@mediq/contracts';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

/** Appends to the audit trail. `details` must never hold personal data (no NIK, names, e-mails). */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(actor: Actor, action: string, targetId?: string | null, details?: Record<string, string | number | boolean | null>): Promise<void> {
    await this.prisma.auditLog.create({
      data: {
        actorKind: actor.kind,
        actorId: actor.userId ?? actor.kioskKeyId ?? null,
        actorRole: actor.role ?? null,
        institutionId: actor.institutionId ?? null,
        action,
        targetId: targetId ?? null,
        details: details ?? Prisma.DbNull,
        requestId: requestContext.requestId() ?? null,
      },
    });
  }
}
