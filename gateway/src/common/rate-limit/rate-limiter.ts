import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import type { Response } from 'express';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { GATEWAY_CONFIG, GatewayConfig } from '../../config';
import { GatewayMetrics } from '../../metrics/gateway-metrics';
import { EdgeRedis } from '../edge-redis';
import { StoreOutageLog } from '../store-outage-log';
import { RateLimitPolicy } from './rate-limit.decorator';

/**
 * Fixed-window request counters per policy and client IP in Redis (rate-limiter-flexible), so every
 * gateway replica counts against the same limit. When Redis is away the limiter lets requests through (and says so once in
 * the log): refusing every request because a counter store is down would be the bigger outage.
 */
@Injectable()
export class RateLimiter {
  private readonly limiters: Record<RateLimitPolicy, RateLimiterRedis>;
  private readonly outage = new StoreOutageLog(new Logger(RateLimiter.name), 'rate-limit-store', {
    down: (reason) => `rate limits not enforced: Redis unavailable (${reason})`,
    up: 'rate limiting resumed: Redis answers again',
  });

  constructor(
    private readonly redis: EdgeRedis,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    const limiter = (policy: RateLimitPolicy, points: number) =>
      new RateLimiterRedis({ storeClient: redis.client, keyPrefix: `${redis.keyPrefix}rate:${policy}`, points, duration: config.RATE_LIMIT_WINDOW_SECONDS });
    this.limiters = { global: limiter('global', config.RATE_LIMIT_GLOBAL), login: limiter('login', config.RATE_LIMIT_LOGIN), upload: limiter('upload', config.RATE_LIMIT_UPLOAD) };
  }

  get enabled(): boolean {
    return this.config.RATE_LIMIT_ENABLED;
  }

  /** Counts one request; throws 429 (with Retry-After on `res`) once the address is over the policy's limit. */
  async consume(policy: RateLimitPolicy, clientIp: string, res: Response): Promise<void> {
    const limiter = this.limiters[policy];
    let refused: RateLimiterRes;
    try {
      await limiter.consume(clientIp);
      this.outage.answered();
      return;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) {
        this.outage.failed(error);
        return;
      }
      this.outage.answered();
      refused = error;
    }
    const limit = limiter.points;
    const retryAfterSeconds = Math.max(1, Math.ceil(refused.msBeforeNext / 1_000));
    this.metrics.countRateLimited(policy);
    res.setHeader('Retry-After', String(retryAfterSeconds));
    throw new DomainError(
      ErrorCode.TOO_MANY_REQUESTS,
      policy === 'global'
        ? `Too many requests from this address; try again in ${retryAfterSeconds} s`
        : `Too many ${policy} requests from this address; try again in ${retryAfterSeconds} s`,
      { policy, limit, windowSeconds: this.config.RATE_LIMIT_WINDOW_SECONDS },
    );
  }
}
