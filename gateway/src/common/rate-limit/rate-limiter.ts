import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import type { Response } from 'express';
import { GATEWAY_CONFIG, GatewayConfig } from '../../config';
import { GatewayMetrics } from '../../metrics/gateway-metrics';
import { EdgeRedis } from '../edge-redis';
import { StoreOutageLog } from '../store-outage-log';
import { RateLimitPolicy } from './rate-limit.decorator';

/** INCR the window's counter, start the window on its first hit; answers [count, milliseconds left]. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/**
 * Fixed-window request counters per policy and client IP in Redis, so every gateway replica counts
 * against the same limit. When Redis is away the limiter lets requests through (and says so once in
 * the log): refusing every request because a counter store is down would be the bigger outage.
 */
@Injectable()
export class RateLimiter {
  private readonly limits: Record<RateLimitPolicy, number>;
  private readonly outage = new StoreOutageLog(new Logger(RateLimiter.name), 'rate-limit-store', {
    down: (reason) => `rate limits not enforced: Redis unavailable (${reason})`,
    up: 'rate limiting resumed: Redis answers again',
  });

  constructor(
    private readonly redis: EdgeRedis,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.limits = { global: config.RATE_LIMIT_GLOBAL, login: config.RATE_LIMIT_LOGIN, upload: config.RATE_LIMIT_UPLOAD };
  }

  get enabled(): boolean {
    return this.config.RATE_LIMIT_ENABLED;
  }

  /** Counts one request; throws 429 (with Retry-After on `res`) once the address is over the policy's limit. */
  async consume(policy: RateLimitPolicy, clientIp: string, res: Response): Promise<void> {
    const limit = this.limits[policy];
    const windowMs = this.config.RATE_LIMIT_WINDOW_SECONDS * 1_000;
    let count: number;
    let ttlMs: number;
    try {
      [count, ttlMs] = (await this.redis.client.eval(HIT_SCRIPT, 1, `${this.redis.keyPrefix}rate:${policy}:${clientIp}`, windowMs)) as [number, number];
      this.outage.answered();
    } catch (error) {
      this.outage.failed(error);
      return;
    }
    if (count <= limit) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(ttlMs / 1_000));
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
