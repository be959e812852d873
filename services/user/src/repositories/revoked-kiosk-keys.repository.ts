import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createRedis, RevokedKioskKeys } from '@mediq/common';
import type Redis from 'ioredis';
import { USER_CONFIG, UserConfig } from '../config';

/**
 * This service's side of the list of revoked kiosk keys the gateway checks its cached keys against
 * (key format and lifetime in @mediq/common `RevokedKioskKeys`): kiosk keys are revoked here, so they are listed here.
 */
@Injectable()
export class RevokedKioskKeysRepository implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly list: RevokedKioskKeys;

  constructor(@Inject(USER_CONFIG) config: UserConfig) {
    this.redis = createRedis(config.REDIS_URL, 'user-revoked-kiosk-keys');
    this.list = new RevokedKioskKeys(this.redis, config.RMQ_PREFIX);
  }

  /** Rejects when Redis cannot be written. */
  add(kioskKeyId: string): Promise<void> {
    return this.list.add(kioskKeyId);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
