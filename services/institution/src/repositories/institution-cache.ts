import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createRedis } from '@mediq/common';
import type Redis from 'ioredis';
import { INSTITUTION_CONFIG, InstitutionConfig } from '../config';

/**
 * Read-through Redis cache for institution lists, details and service lists.
 *
 * Every key carries a generation number; each write bumps the generation (INCR), so the next read
 * of anything misses and reloads from MySQL. Readers fetch the generation before they query the
 * database, so a slow reader that loaded old rows stores them under the old generation, where
 * nobody looks again. Entries also expire after the TTL, which bounds staleness if Redis missed an
 * invalidation while unreachable. Any Redis failure falls back to the database: the cache can make
 * reads faster, never make them fail.
 *
 * In front of Redis, each process keeps the values it read under their generation (frozen, for at most
 * the TTL): once the generation is read, a value already seen under it needs neither a second round trip
 * nor a JSON.parse (an "is it open" check before every ticket read three of them).
 */
@Injectable()
export class InstitutionCache implements OnModuleDestroy {
  private readonly logger = new Logger(InstitutionCache.name);
  private readonly redis: Redis;
  private readonly prefix: string;
  private degraded = false;
  private readonly local = new Map<string, { value: unknown; until: number }>();

  constructor(@Inject(INSTITUTION_CONFIG) private readonly config: InstitutionConfig) {
    this.redis = createRedis(config.REDIS_URL, 'institution-cache');
    this.prefix = `${config.RMQ_PREFIX}mediq:institution:`;
  }

  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    let generation: string | undefined;
    try {
      generation = (await this.redis.get(this.generationKey())) ?? '0';
      this.recovered();
      const seen = this.local.get(this.entryKey(generation, key));
      if (seen && seen.until > Date.now()) return seen.value as T;
      const cached = await this.redis.get(this.entryKey(generation, key));
      if (cached !== null) return this.keep(this.entryKey(generation, key), JSON.parse(cached) as T);
    } catch (error) {
      this.failed(error);
    }
    const value = await load();
    if (generation !== undefined) {
      try {
        await this.redis.set(this.entryKey(generation, key), JSON.stringify(value), 'EX', this.config.INSTITUTION_CACHE_TTL_SECONDS);
        this.keep(this.entryKey(generation, key), value);
      } catch (error) {
        this.failed(error);
      }
    }
    return value;
  }

  /** Called after every committed write. */
  async invalidate(): Promise<void> {
    try {
      await this.redis.incr(this.generationKey());
      this.recovered();
    } catch (error) {
      this.failed(error);
    }
  }

  /** Removes every key this cache wrote (tests clean up their prefix with it). */
  async clear(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500);
      if (keys.length) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  /** Keeps `value` in this process for the TTL, frozen: callers share it and must not change it. */
  private keep<T>(entryKey: string, value: T): T {
    if (this.local.size >= LOCAL_ENTRIES) this.local.clear();
    this.local.set(entryKey, { value: deepFreeze(value), until: Date.now() + this.config.INSTITUTION_CACHE_TTL_SECONDS * 1000 });
    return value;
  }

  private generationKey(): string {
    return `${this.prefix}generation`;
  }

  private entryKey(generation: string, key: string): string {
    return `${this.prefix}${generation}:${key}`;
  }

  private failed(error: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`Redis cache unavailable, reading from the database: ${error instanceof Error ? error.message : String(error)}`);
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.log('Redis cache available again');
  }
}

/** Values kept in a process at most (all are dropped at once beyond it: they are all one Redis read away). */
const LOCAL_ENTRIES = 1_000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
