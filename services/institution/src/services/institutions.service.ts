import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import {
  Actor,
  CreateInstitutionRequest,
  ErrorCode,
  InstitutionView,
  ListInstitutionsRequest,
  Page,
  SearchInstitutionsRequest,
  UpdateInstitutionRequest,
} from '@mediq/contracts';
import { INSTITUTION_CONFIG, InstitutionConfig } from '../config';
import { Institution, Prisma } from '../generated/prisma/client';
import { InstitutionCache } from '../repositories/institution-cache';
import { InstitutionRepository } from '../repositories/institution.repository';
import { assertCanCreateInstitution, assertCanManageInstitution } from './access-policy';
import { rankInstitutions, searchPlan } from './institution-ranker';
import {
  codeSchema,
  createInstitutionSchema,
  idSchema,
  listInstitutionsSchema,
  parseRequest,
  searchInstitutionsSchema,
  updateInstitutionSchema,
} from './request-validation';
import { buildSearchText } from './search-text';
import { toInstitutionView } from './views';

const DEFAULT_TIMEZONE = 'Asia/Jakarta';
const OPTIONAL_FIELDS = ['address', 'kelurahan', 'kecamatan', 'city', 'province', 'phone', 'email'] as const;

/** Health facilities: create, read (cached), search, update, soft delete; every write audited. */
@Injectable()
export class InstitutionsService {
  constructor(
    private readonly institutions: InstitutionRepository,
    private readonly cache: InstitutionCache,
    @Inject(INSTITUTION_CONFIG) private readonly config: InstitutionConfig,
  ) {}

  /**
   * Idempotent by code: repeating a create with the same content returns the existing record (a
   * retry after a lost reply); a different institution under a taken code is a 409.
   */
  async create(actor: Actor, request: CreateInstitutionRequest): Promise<InstitutionView> {
    assertCanCreateInstitution(actor);
    const data = parseRequest(createInstitutionSchema, request, 'institution');
    const existing = await this.institutions.findByCodeIncludingDeleted(data.code);
    if (existing) return this.existingForCreate(existing, data);
    const fields = { ...data, timezone: data.timezone ?? DEFAULT_TIMEZONE, searchText: buildSearchText(data) };
    try {
      const created = await this.institutions.create(fields, { action: 'institution.create', actor, changedFields: Object.keys(data) });
      await this.cache.invalidate();
      return toInstitutionView(created);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.institutions.findByCodeIncludingDeleted(data.code);
      if (!winner) throw error;
      return this.existingForCreate(winner, data);
    }
  }

  findAll(request: ListInstitutionsRequest): Promise<Page<InstitutionView>> {
    const { page, pageSize, ...filter } = parseRequest(listInstitutionsSchema, request, 'list request');
    const key = `list:${JSON.stringify([page, pageSize, filter.city ?? null, filter.province ?? null, filter.type ?? null, filter.active ?? null])}`;
    return this.cache.read(key, async () => {
      const { items, total } = await this.institutions.list(filter, (page - 1) * pageSize, pageSize);
      return { items: items.map(toInstitutionView), page, pageSize, total };
    });
  }

  findOne(request: { id: string }): Promise<InstitutionView> {
    const { id } = parseRequest(idSchema, request, 'request');
    return this.cache.read(`detail:${id}`, async () => toInstitutionView(await this.requireInstitution(id)));
  }

  findByCode(request: { code: string }): Promise<InstitutionView> {
    const { code } = parseRequest(codeSchema, request, 'request');
    return this.cache.read(`code:${code}`, async () => {
      const row = await this.institutions.findByCodeIncludingDeleted(code);
      if (!row || row.deletedAt) throw DomainError.notFound(`Institution ${code}`);
      return toInstitutionView(row);
    });
  }

  /**
   * Typo-tolerant search: MySQL prefilters by fragments of the query words, the ranker orders the
   * (at most INSTITUTION_SEARCH_CANDIDATE_LIMIT) candidates by relevance, then name.
   */
  search(request: SearchInstitutionsRequest): Promise<Page<InstitutionView & { score: number }>> {
    const { q, page, pageSize } = parseRequest(searchInstitutionsSchema, request, 'search');
    const plan = searchPlan(q);
    const key = `search:${JSON.stringify([plan.words.map((word) => word.map(({ token }) => token)), page, pageSize])}`;
    return this.cache.read(key, async () => {
      if (plan.words.length === 0) return { items: [], page, pageSize, total: 0 };
      const ids = await this.institutions.searchCandidateIds(plan, this.config.INSTITUTION_SEARCH_CANDIDATE_LIMIT);
      const ranked = ids.length ? rankInstitutions(plan, await this.institutions.findByIds(ids)) : [];
      const items = ranked.slice((page - 1) * pageSize, page * pageSize).map(({ item, score }) => ({ ...toInstitutionView(item), score }));
      return { items, page, pageSize, total: ranked.length };
    });
  }

  async update(actor: Actor, request: UpdateInstitutionRequest): Promise<InstitutionView> {
    const { id, ...changes } = parseRequest(updateInstitutionSchema, request, 'institution');
    assertCanManageInstitution(actor, id);
    const current = await this.requireInstitution(id);
    const changed = (Object.keys(changes) as Array<keyof typeof changes>).filter(
      (field) => changes[field] !== undefined && changes[field] !== current[field as keyof Institution],
    );
    if (changed.length === 0) return toInstitutionView(current);
    const data: Prisma.InstitutionUpdateInput = { ...changes, searchText: buildSearchText({ ...current, ...changes }) };
    const updated = await this.institutions.update(id, data, { action: 'institution.update', actor, changedFields: changed });
    await this.cache.invalidate();
    return toInstitutionView(updated);
  }

  /** Soft delete: the institution and its services disappear from every read. Repeating it is harmless. */
  async delete(actor: Actor, request: { id: string }): Promise<{ id: string; deleted: true }> {
    const { id } = parseRequest(idSchema, request, 'request');
    assertCanManageInstitution(actor, id);
    const row = await this.institutions.findByIdIncludingDeleted(id);
    if (!row) throw DomainError.notFound('Institution');
    if (!row.deletedAt) {
      await this.institutions.softDelete(id, { action: 'institution.delete', actor, changedFields: ['deletedAt'] });
      await this.cache.invalidate();
    }
    return { id, deleted: true };
  }

  async requireInstitution(id: string): Promise<Institution> {
    const row = await this.institutions.findById(id);
    if (!row) throw DomainError.notFound('Institution');
    return row;
  }

  private existingForCreate(existing: Institution, data: CreateInstitutionRequest): InstitutionView {
    if (existing.deletedAt) {
      throw new DomainError(ErrorCode.CONFLICT, `The code ${existing.code} belonged to a deleted institution; choose another code`, {
        fields: { code: 'is already taken' },
      });
    }
    const same =
      existing.name === data.name &&
      existing.type === data.type &&
      existing.timezone === (data.timezone ?? DEFAULT_TIMEZONE) &&
      OPTIONAL_FIELDS.every((field) => existing[field] === (data[field] ?? null));
    if (!same) {
      throw new DomainError(ErrorCode.CONFLICT, `An institution with code ${existing.code} already exists`, {
        fields: { code: 'is already taken' },
        existingId: existing.id,
      });
    }
    return toInstitutionView(existing);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
