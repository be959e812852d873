import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueueStats } from '@mediq/contracts';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';
import { RedisService } from '../database/redis.service';

/**
 * Stats cached in Redis under a generation number per institution and day. A change bumps the
 * generation, so a value computed before the change (even one written after it) is never read
 * again. Redis being down or flushed only costs a recount from the database.
 */
@Injectable()
export class StatsCacheRepository {
  private readonly logger = new Logger(StatsCacheRepository.name);

  constructor(
    private readonly redis: RedisService,
    @Inject(PATIENT_QUEUE_CONFIG) private readonly config: PatientQueueConfig,
  ) {}

  async get(institutionId: string, date: string, serviceId?: string): Promise<{ stats: QueueStats | null; generation: string }> {
    try {
      const generation = (await this.redis.client.get(this.generationKey(institutionId, date))) ?? '0';
      const cached = await this.redis.client.get(this.statsKey(institutionId, date, serviceId, generation));
      return { stats: cached ? (JSON.parse(cached) as QueueStats) : null, generation };
    } catch (error) {
      this.warn('read', error);
      return { stats: null, generation: 'unavailable' };
    }
  }

  async set(stats: QueueStats, generation: string): Promise<void> {
    if (generation === 'unavailable') return;
    try {
      const key = this.statsKey(stats.institutionId, stats.date, stats.serviceId ?? undefined, generation);
      await this.redis.client.set(key, JSON.stringify(stats), 'EX', this.config.QUEUE_STATS_CACHE_SECONDS);
    } catch (error) {
      this.warn('write', error);
    }
  }

  async invalidate(institutionId: string, date: string): Promise<void> {
    try {
      const key = this.generationKey(institutionId, date);
      await this.redis.client.multi().incr(key).expire(key, 2 * 24 * 3600).exec();
    } catch (error) {
      this.warn('invalidate', error);
    }
  }

  private generationKey(institutionId: string, date: string): string {
    return `${this.config.RMQ_PREFIX}mediq:queue:stats-generation:${institutionId}:${date}`;
  }

  private statsKey(institutionId: string, date: string, serviceId: string | undefined, generation: string): string {
    return `${this.config.RMQ_PREFIX}mediq:queue:stats:${institutionId}:${date}:${serviceId ?? 'all'}:${generation}`;
  }

  private warn(what: string, error: unknown): void {
    this.logger.warn(`stats cache ${what} skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

