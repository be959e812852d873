import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { USER_CONFIG, UserConfig } from '../config';
import { UserRedis } from './user-redis';

/**
 * Failed sign-in counters in Redis, shared by every replica: one fixed window per key that starts
 * at the first failure. Keys hold keyed hashes or addresses, never an e-mail or NIK.
 */
@Injectable()
export class LoginAttemptsRepository {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(USER_CONFIG) config: UserConfig, redis: UserRedis) {
    this.redis = redis.client;
    this.prefix = `${config.RMQ_PREFIX}mediq:login-failures:`;
  }

  /** Failures so far and the milliseconds until the window resets (0 when there are none). */
  async read(key: string): Promise<{ failures: number; resetsInMs: number }> {
    const [[, count], [, ttl]] = (await this.redis.multi().get(this.prefix + key).pttl(this.prefix + key).exec()) as [
      [unknown, string | null],
      [unknown, number],
    ];
    return { failures: Number(count ?? 0), resetsInMs: Math.max(0, ttl) };
  }

  async increment(key: string, windowSeconds: number): Promise<void> {
    await this.redis.multi().set(this.prefix + key, 0, 'EX', windowSeconds, 'NX').incr(this.prefix + key).exec();
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
