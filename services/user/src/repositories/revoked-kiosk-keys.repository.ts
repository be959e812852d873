import { Inject, Injectable } from '@nestjs/common';
import { RevokedKioskKeys } from '@mediq/common';
import { USER_CONFIG, UserConfig } from '../config';
import { UserRedis } from './user-redis';

/**
 * This service's side of the list of revoked kiosk keys the gateway checks its cached keys against
 * (key format and lifetime in @mediq/common `RevokedKioskKeys`): kiosk keys are revoked here, so they are listed here.
 */
@Injectable()
export class RevokedKioskKeysRepository {
  private readonly list: RevokedKioskKeys;

  constructor(@Inject(USER_CONFIG) config: UserConfig, redis: UserRedis) {
    this.list = new RevokedKioskKeys(redis.client, config.RMQ_PREFIX);
  }

  /** Rejects when Redis cannot be written. */
  add(kioskKeyId: string): Promise<void> {
    return this.list.add(kioskKeyId);
  }
}
