import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createRedis, RevokedSessions } from '@mediq/common';
import type Redis from 'ioredis';
import { USER_CONFIG, UserConfig } from '../config';

/**
 * This service's side of the revocation list the gateway checks access tokens against (key format
 * and lifetime in @mediq/common `RevokedSessions`): sessions are ended here, so they are listed here.
 */
@Injectable()
export class RevokedSessionsRepository implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly list: RevokedSessions;

  constructor(@Inject(USER_CONFIG) config: UserConfig) {
    this.redis = createRedis(config.REDIS_URL, 'user-revoked-sessions');
    this.list = new RevokedSessions(this.redis, config.RMQ_PREFIX);
  }

  /** Rejects when Redis cannot be written. */
  add(sessionIds: readonly string[], accessTokenTtlSeconds: number): Promise<void> {
    return this.list.add(sessionIds, accessTokenTtlSeconds);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
