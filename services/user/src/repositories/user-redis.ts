import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createRedis } from '@mediq/common';
import type Redis from 'ioredis';
import { USER_CONFIG, UserConfig } from '../config';

/**
 * The user service's one Redis connection, shared by its repositories: failed sign-in counters and
 * the revocation lists of sessions and kiosk keys the gateway reads.
 */
@Injectable()
export class UserRedis implements OnModuleDestroy {
  readonly client: Redis;

  constructor(@Inject(USER_CONFIG) config: UserConfig) {
    this.client = createRedis(config.REDIS_URL, 'user');
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
