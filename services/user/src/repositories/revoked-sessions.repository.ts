import { Inject, Injectable } from '@nestjs/common';
import { RevokedSessions } from '@mediq/common';
import { USER_CONFIG, UserConfig } from '../config';
import { UserRedis } from './user-redis';

/**
 * This service's side of the revocation list the gateway checks access tokens against (key format
 * and lifetime in @mediq/common `RevokedSessions`): sessions are ended here, so they are listed here.
 */
@Injectable()
export class RevokedSessionsRepository {
  private readonly list: RevokedSessions;

  constructor(@Inject(USER_CONFIG) config: UserConfig, redis: UserRedis) {
    this.list = new RevokedSessions(redis.client, config.RMQ_PREFIX);
  }

  /** Rejects when Redis cannot be written. */
  add(sessionIds: readonly string[], accessTokenTtlSeconds: number): Promise<void> {
    return this.list.add(sessionIds, accessTokenTtlSeconds);
  }
}
