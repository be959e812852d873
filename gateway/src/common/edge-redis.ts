import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createRedis } from '@mediq/common';
import type Redis from 'ioredis';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

/**
 * The gateway's Redis connection: rate limits and idempotency keys (under `keyPrefix`), and the
 * session revocation list the user service writes (key format in @mediq/common `RevokedSessions`).
 */
@Injectable()
export class EdgeRedis implements OnModuleDestroy {
  readonly client: Redis;
  /** Keys live under `<RMQ_PREFIX>mediq:gateway:` so parallel test runs never share counters. */
  readonly keyPrefix: string;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.client = createRedis(config.REDIS_URL, 'gateway-edge');
    this.keyPrefix = `${config.RMQ_PREFIX}mediq:gateway:`;
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
