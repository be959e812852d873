import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { Prisma, Service } from '../generated/prisma/client';
import { AuditEntry, auditRow } from './audit-entry';

/** The services (poli) of institutions in MySQL; soft-deleted rows are hidden unless named so. */
@Injectable()
export class ServiceRepository {
  constructor(private readonly prisma: PrismaService) {}

  listByInstitution(institutionId: string): Promise<Service[]> {
    return this.prisma.service.findMany({ where: { institutionId, deletedAt: null }, orderBy: { code: 'asc' } });
  }

  findByIdIncludingDeleted(institutionId: string, serviceId: string): Promise<Service | null> {
    return this.prisma.service.findFirst({ where: { id: serviceId, institutionId } });
  }

  findByCode(institutionId: string, code: string): Promise<Service | null> {
    return this.prisma.service.findUnique({ where: { institutionId_code: { institutionId, code } } });
  }

  create(data: Prisma.ServiceUncheckedCreateInput, audit: AuditEntry): Promise<Service> {
    return this.prisma.$transaction(async (tx) => {
      const service = await tx.service.create({ data });
      await tx.auditLog.create({ data: auditRow(audit, 'service', service.id, service.institutionId) });
      return service;
    });
  }

  /** Updates a service (clearing deletedAt restores a soft-deleted one under its old ticket prefix). */
  update(service: Service, data: Prisma.ServiceUncheckedUpdateInput, audit: AuditEntry): Promise<Service> {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.service.update({ where: { id: service.id }, data });
      await tx.auditLog.create({ data: auditRow(audit, 'service', service.id, service.institutionId) });
      return updated;
    });
  }

  async softDelete(service: Service, audit: AuditEntry): Promise<void> {
    await this.update(service, { deletedAt: new Date() }, audit);
  }
}
