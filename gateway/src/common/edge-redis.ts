import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createRedis } from '@mediq/common';
import type Redis from 'ioredis';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

/**
 * The gateway's Redis connections: rate limits and idempotency keys (under `keyPrefix`), and the
 * revocation lists of sessions and kiosk keys the user service writes (key formats in @mediq/common
 * `RevokedSessions` and `RevokedKioskKeys`), mirrored in memory through `subscriber`.
 */
@Injectable()
export class EdgeRedis implements OnModuleDestroy {
  readonly client: Redis;
  /** Subscribed to the revocation lists' channels (RevocationMirror): a subscribed connection runs no other command. */
  readonly subscriber: Redis;
  /** Keys live under `<RMQ_PREFIX>mediq:gateway:` so parallel test runs never share counters. */
  readonly keyPrefix: string;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.client = createRedis(config.REDIS_URL, 'gateway-edge');
    this.subscriber = createRedis(config.REDIS_URL, 'gateway-revocations');
    this.keyPrefix = `${config.RMQ_PREFIX}mediq:gateway:`;
  }

  onModuleDestroy(): void {
    this.client.disconnect();
    this.subscriber.disconnect();
  }
}
