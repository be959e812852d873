import { Injectable } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import {
  Actor,
  CreateServiceRequest,
  ErrorCode,
  OpeningHours,
  ServiceAvailability,
  ServiceListing,
  ServiceView,
  UpdateServiceRequest,
  WEEKDAYS,
} from '@mediq/contracts';
import { Service } from '../generated/prisma/client';
import { InstitutionCache } from '../repositories/institution-cache';
import { ServiceRepository } from '../repositories/service.repository';
import { assertCanManageInstitution } from './access-policy';
import { InstitutionsService, isUniqueViolation } from './institutions.service';
import { openingState } from './opening-hours';
import { createServiceSchema, getServicesSchema, isServiceOpenSchema, parseRequest, serviceRefSchema, updateServiceSchema } from './request-validation';
import { canonicalOpeningHours, toServiceView } from './views';

const DEFAULT_AVERAGE_MINUTES = 10;
const DEFAULT_MIN_MINUTES = 2;

/** The services (poli) an institution offers, and whether one is open for new tickets. */
@Injectable()
export class ServiceCatalogService {
  constructor(
    private readonly services: ServiceRepository,
    private readonly institutions: InstitutionsService,
    private readonly cache: InstitutionCache,
  ) {}

  /** The services with whether each is open now (in the institution's timezone) and when it opens next. */
  async getServices(request: { institutionId: string; includeInactive?: boolean }, at = new Date()): Promise<ServiceListing[]> {
    const { institutionId, includeInactive } = parseRequest(getServicesSchema, request, 'request');
    const all = await this.allServices(institutionId);
    const { timezone, active: institutionActive } = await this.institutions.findOne({ id: institutionId });
    return (includeInactive ? all : all.filter((service) => service.active)).map((service) => {
      const state = openingState(service.openingHours, at, timezone, service.name);
      const openNow = institutionActive && service.active && state.open;
      return { ...service, openNow, nextOpening: !openNow && service.active ? (state.nextOpening ?? null) : null };
    });
  }

  /**
   * Idempotent by code within the institution: the same content again returns the existing
   * service; a code in use by a different service is a 409; a deleted service's code is reused by
   * restoring that service with the new details (tickets keep pointing at one service per prefix).
   */
  async createService(actor: Actor, request: CreateServiceRequest): Promise<ServiceView> {
    const data = parseRequest(createServiceSchema, request, 'service');
    assertCanManageInstitution(actor, data.institutionId);
    await this.institutions.requireInstitution(data.institutionId);
    const fields = {
      name: data.name,
      description: data.description ?? null,
      dailyQuota: data.dailyQuota ?? null,
      openingHours: canonicalOpeningHours(data.openingHours ?? {}),
      averageServiceMinutes: data.averageServiceMinutes ?? DEFAULT_AVERAGE_MINUTES,
      minServiceMinutes: data.minServiceMinutes ?? DEFAULT_MIN_MINUTES,
      priorityLaneCalls: data.priorityLaneCalls ?? null,
      generalLaneCalls: data.generalLaneCalls ?? null,
    };
    const existing = await this.services.findByCode(data.institutionId, data.code);
    if (existing && !existing.deletedAt) return this.existingForCreate(existing, fields);
    const audit = { actor, changedFields: Object.keys(request).filter((key) => key !== 'institutionId') };
    try {
      const saved = existing
        ? await this.services.update(existing, { ...fields, active: true, deletedAt: null }, { ...audit, action: 'service.restore' })
        : await this.services.create({ ...fields, institutionId: data.institutionId, code: data.code }, { ...audit, action: 'service.create' });
      await this.cache.invalidate();
      return toServiceView(saved);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.services.findByCode(data.institutionId, data.code);
      if (!winner) throw error;
      return this.existingForCreate(winner, fields);
    }
  }

  async updateService(actor: Actor, request: UpdateServiceRequest): Promise<ServiceView> {
    const { institutionId, serviceId, ...changes } = parseRequest(updateServiceSchema, request, 'service');
    assertCanManageInstitution(actor, institutionId);
    const current = await this.requireService(institutionId, serviceId);
    const next = { ...changes, ...(changes.openingHours ? { openingHours: canonicalOpeningHours(changes.openingHours) } : {}) };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter(
      (field) => next[field] !== undefined && JSON.stringify(next[field]) !== JSON.stringify(currentValue(current, field)),
    );
    if (changed.length === 0) return toServiceView(current);
    const updated = await this.services.update(current, next, { action: 'service.update', actor, changedFields: changed });
    await this.cache.invalidate();
    return toServiceView(updated);
  }

  /** Soft delete; repeating it is harmless. */
  async deleteService(actor: Actor, request: { institutionId: string; serviceId: string }): Promise<{ id: string; deleted: true }> {
    const { institutionId, serviceId } = parseRequest(serviceRefSchema, request, 'request');
    assertCanManageInstitution(actor, institutionId);
    await this.institutions.requireInstitution(institutionId);
    const service = await this.services.findByIdIncludingDeleted(institutionId, serviceId);
    if (!service) throw DomainError.notFound('Service');
    if (!service.deletedAt) {
      await this.services.softDelete(service, { action: 'service.delete', actor, changedFields: ['deletedAt'] });
      await this.cache.invalidate();
    }
    return { id: service.id, deleted: true };
  }

  /**
   * What the queue asks before issuing a ticket: open or closed now (or at `at`) with a reason a
   * person understands, and the local date in the institution's timezone.
   */
  async isServiceOpen(request: { institutionId: string; serviceId: string; at?: string }): Promise<ServiceAvailability> {
    const { institutionId, serviceId, at } = parseRequest(isServiceOpenSchema, request, 'request');
    const institution = await this.institutions.findOne({ id: institutionId });
    const service = (await this.allServices(institutionId)).find((candidate) => candidate.id === serviceId);
    if (!service) throw DomainError.notFound('Service');
    const summary = {
      id: institution.id,
      code: institution.code,
      name: institution.name,
      timezone: institution.timezone,
      active: institution.active,
      lansiaAge: institution.lansiaAge,
    };
    const state = openingState(service.openingHours, at ? new Date(at) : new Date(), institution.timezone, service.name);
    if (!institution.active) {
      return { institution: summary, service, open: false, localDate: state.localDate, reason: `${institution.name} is not accepting patients at the moment` };
    }
    if (!service.active) {
      return { institution: summary, service, open: false, localDate: state.localDate, reason: `${service.name} is not accepting patients at the moment` };
    }
    return { institution: summary, service, ...state };
  }

  private async allServices(institutionId: string): Promise<ServiceView[]> {
    await this.institutions.findOne({ id: institutionId });
    return this.cache.read(`services:${institutionId}`, async () => (await this.services.listByInstitution(institutionId)).map(toServiceView));
  }

  private async requireService(institutionId: string, serviceId: string): Promise<Service> {
    await this.institutions.requireInstitution(institutionId);
    const service = await this.services.findByIdIncludingDeleted(institutionId, serviceId);
    if (!service || service.deletedAt) throw DomainError.notFound('Service');
    return service;
  }

  private existingForCreate(
    existing: Service,
    fields: Pick<ServiceView, 'name' | 'description' | 'dailyQuota' | 'openingHours' | 'averageServiceMinutes' | 'minServiceMinutes' | 'priorityLaneCalls' | 'generalLaneCalls'>,
  ): ServiceView {
    const view = toServiceView(existing);
    const same =
      view.name === fields.name &&
      view.description === fields.description &&
      view.dailyQuota === fields.dailyQuota &&
      view.averageServiceMinutes === fields.averageServiceMinutes &&
      view.minServiceMinutes === fields.minServiceMinutes &&
      view.priorityLaneCalls === fields.priorityLaneCalls &&
      view.generalLaneCalls === fields.generalLaneCalls &&
      sameOpeningHours(view.openingHours, fields.openingHours);
    if (!same) {
      throw new DomainError(ErrorCode.CONFLICT, `Service code ${existing.code} is already used by ${existing.name} in this institution`, {
        fields: { code: 'is already taken' },
        existingId: existing.id,
      });
    }
    return view;
  }
}

function currentValue(service: Service, field: string): unknown {
  return field === 'openingHours' ? canonicalOpeningHours(service.openingHours as OpeningHours) : service[field as keyof Service];
}

function sameOpeningHours(a: OpeningHours, b: OpeningHours): boolean {
  return WEEKDAYS.every((day) => JSON.stringify(a[day] ?? []) === JSON.stringify(b[day] ?? []));
}
