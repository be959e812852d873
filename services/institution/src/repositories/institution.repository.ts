import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { Institution, InstitutionType, Prisma } from '../generated/prisma/client';
import type { SearchPlan } from '../services/institution-ranker';
import { AuditEntry, auditRow } from './audit-entry';

export interface InstitutionFilter {
  city?: string;
  province?: string;
  type?: InstitutionType;
  active?: boolean;
}

/** Institutions in MySQL. Soft-deleted rows are invisible to every read except the ones named so. */
@Injectable()
export class InstitutionRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<Institution | null> {
    return this.prisma.institution.findFirst({ where: { id, deletedAt: null } });
  }

  findByIdIncludingDeleted(id: string): Promise<Institution | null> {
    return this.prisma.institution.findUnique({ where: { id } });
  }

  findByCodeIncludingDeleted(code: string): Promise<Institution | null> {
    return this.prisma.institution.findUnique({ where: { code } });
  }

  findByIds(ids: string[]): Promise<Institution[]> {
    return this.prisma.institution.findMany({ where: { id: { in: ids }, deletedAt: null } });
  }

  async list(filter: InstitutionFilter, skip: number, take: number): Promise<{ items: Institution[]; total: number }> {
    const where: Prisma.InstitutionWhereInput = { deletedAt: null, ...filter };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.institution.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip, take }),
      this.prisma.institution.count({ where }),
    ]);
    return { items, total };
  }

  /**
   * Ids of active institutions whose search text contains, for at least `minMatchedWords` query
   * words, one required fragment of every token of that word. Superset of what the ranker keeps.
   */
  async searchCandidateIds(plan: SearchPlan, limit: number): Promise<string[]> {
    const words = plan.words.map((word) => {
      const tokens = word.map(({ fragments }) =>
        fragments.length ? Prisma.sql`(${Prisma.join(fragments.map((fragment) => Prisma.sql`searchText LIKE ${`%${fragment}%`}`), ' OR ')})` : Prisma.sql`TRUE`,
      );
      return Prisma.sql`(${Prisma.join(tokens, ' AND ')})`;
    });
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM institutions
      WHERE deletedAt IS NULL AND active = TRUE AND (${Prisma.join(words, ' + ')}) >= ${plan.minMatchedWords}
      ORDER BY name LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }

  create(data: Prisma.InstitutionCreateInput, audit: AuditEntry): Promise<Institution> {
    return this.prisma.$transaction(async (tx) => {
      const institution = await tx.institution.create({ data });
      await tx.auditLog.create({ data: auditRow(audit, 'institution', institution.id, institution.id) });
      return institution;
    });
  }

  update(id: string, data: Prisma.InstitutionUpdateInput, audit: AuditEntry): Promise<Institution> {
    return this.prisma.$transaction(async (tx) => {
      const institution = await tx.institution.update({ where: { id }, data });
      await tx.auditLog.create({ data: auditRow(audit, 'institution', id, id) });
      return institution;
    });
  }

  async softDelete(id: string, audit: AuditEntry): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.institution.update({ where: { id }, data: { deletedAt: new Date() } });
      await tx.auditLog.create({ data: auditRow(audit, 'institution', id, id) });
    });
  }
}
