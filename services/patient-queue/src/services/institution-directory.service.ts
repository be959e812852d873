import { Injectable, Logger } from '@nestjs/common';
import { DomainError, RpcClient, SYSTEM_ACTOR } from '@mediq/common';
import { ErrorCode, InstitutionContracts, ServiceAvailability } from '@mediq/contracts';
import { LaneRatio, laneRatioOf } from './call-order';

const CACHE_MS = 60_000;
/** Used for ETAs only when neither completed tickets nor the institution service can say better. */
export const DEFAULT_SERVICE_MINUTES = 10;
export const DEFAULT_MIN_SERVICE_MINUTES = 2;

/**
 * What the queue asks the institution service: whether a service is open (with its quota,
 * prefix and timezone), and the facts ETAs and daily views need, cached briefly in memory.
 */
@Injectable()
export class InstitutionDirectory {
  private readonly logger = new Logger(InstitutionDirectory.name);
  private readonly serviceMinutes = new Map<string, { minutes: number; at: number }>();
  private readonly laneRatios = new Map<string, { ratio: LaneRatio | null; at: number }>();
  private readonly minimumMinutes = new Map<string, { minutes: number; at: number }>();
  private readonly timezones = new Map<string, { timezone: string; at: number }>();

  constructor(private readonly rpc: RpcClient) {}

  /** The live answer, never cached: opening hours and activity decide whether a ticket may be issued. */
  async availability(institutionId: string, serviceId: string): Promise<ServiceAvailability> {
    const availability = await this.rpc.call(InstitutionContracts.isServiceOpen, { institutionId, serviceId }, { actor: SYSTEM_ACTOR });
    if (availability.service.institutionId !== institutionId) throw DomainError.notFound('The service');
    this.remember(availability);
    return availability;
  }

  /** The service's configured minutes per patient (the ETA fallback before any ticket completes). */
  async configuredMinutes(institutionId: string, serviceId: string): Promise<number> {
    const cached = this.serviceMinutes.get(serviceId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.minutes;
    try {
      return (await this.availability(institutionId, serviceId)).service.averageServiceMinutes;
    } catch (error) {
      this.logger.warn(`service minutes unavailable, using ${cached ? 'the last known value' : 'the default'}: ${describe(error)}`);
      return cached?.minutes ?? DEFAULT_SERVICE_MINUTES;
    }
  }

  /** The fewest minutes per patient an ETA may assume for the service (its configured minimum). */
  async minServiceMinutes(institutionId: string, serviceId: string): Promise<number> {
    const cached = this.minimumMinutes.get(serviceId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.minutes;
    try {
      return (await this.availability(institutionId, serviceId)).service.minServiceMinutes ?? DEFAULT_MIN_SERVICE_MINUTES;
    } catch (error) {
      this.logger.warn(`minimum service minutes unavailable: ${describe(error)}`);
      return cached?.minutes ?? DEFAULT_MIN_SERVICE_MINUTES;
    }
  }

  /** The service's call ratio between the lanes (null: strict priority); the last known one if the institution service is down. */
  async laneRatio(institutionId: string, serviceId: string): Promise<LaneRatio | null> {
    const cached = this.laneRatios.get(serviceId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.ratio;
    try {
      return laneRatioOf((await this.availability(institutionId, serviceId)).service);
    } catch (error) {
      this.logger.warn(`lane ratio unavailable, using ${cached ? 'the last known one' : 'strict priority'}: ${describe(error)}`);
      return cached?.ratio ?? null;
    }
  }

  async timezone(institutionId: string): Promise<string> {
    const cached = this.timezones.get(institutionId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.timezone;
    try {
      const institution = await this.rpc.call(InstitutionContracts.findOne, { id: institutionId }, { actor: SYSTEM_ACTOR });
      this.timezones.set(institutionId, { timezone: institution.timezone, at: Date.now() });
      return institution.timezone;
    } catch (error) {
      if (cached) return cached.timezone;
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) throw DomainError.notFound('The institution');
      throw error;
    }
  }

  private remember(availability: ServiceAvailability): void {
    const now = Date.now();
    this.serviceMinutes.set(availability.service.id, { minutes: availability.service.averageServiceMinutes, at: now });
    this.minimumMinutes.set(availability.service.id, { minutes: availability.service.minServiceMinutes ?? DEFAULT_MIN_SERVICE_MINUTES, at: now });
    this.laneRatios.set(availability.service.id, { ratio: laneRatioOf(availability.service), at: now });
    this.timezones.set(availability.institution.id, { timezone: availability.institution.timezone, at: now });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
