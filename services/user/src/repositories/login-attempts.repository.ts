import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRedis } from 'rate-limiter-flexible';
import { USER_CONFIG, UserConfig } from '../config';
import { UserRedis } from './user-redis';

/** The counters the sign-in back-off reads and writes; rate-limiter-flexible limiters over one store. */
export interface LoginCounters {
  /** Failures of one account from one address (`<account hash>|<address>`), remembered LOGIN_FAILURE_MEMORY_SECONDS. */
  pair: RateLimiterAbstract;
  /** Failures of one account from every address together. */
  account: RateLimiterAbstract;
  /** Failures from one address over every account, in LOGIN_IP_WINDOW_SECONDS. */
  address: RateLimiterAbstract;
  /** Running back-offs: a pair key blocked for its delay. */
  backoff: RateLimiterAbstract;
}

/** Points high enough that a counter only counts and never refuses by itself. */
export const COUNT_ONLY = 1_000_000;

/**
 * The sign-in counters in Redis (`<RMQ_PREFIX>mediq:login:<kind>:<key>`), shared by every replica.
 * Keys hold keyed hashes of accounts and addresses, never an e-mail or NIK.
 */
@Injectable()
export class LoginAttemptsRepository implements LoginCounters {
  readonly pair: RateLimiterAbstract;
  readonly account: RateLimiterAbstract;
  readonly address: RateLimiterAbstract;
  readonly backoff: RateLimiterAbstract;

  constructor(@Inject(USER_CONFIG) config: UserConfig, redis: UserRedis) {
    const limiter = (kind: string, points: number, duration: number) =>
      new RateLimiterRedis({ storeClient: redis.client, keyPrefix: `${config.RMQ_PREFIX}mediq:login:${kind}`, points, duration });
    this.pair = limiter('pair', COUNT_ONLY, config.LOGIN_FAILURE_MEMORY_SECONDS);
    this.account = limiter('account', COUNT_ONLY, config.LOGIN_FAILURE_MEMORY_SECONDS);
    this.address = limiter('address', config.LOGIN_IP_MAX_FAILURES, config.LOGIN_IP_WINDOW_SECONDS);
    this.backoff = limiter('backoff', 1, 1);
  }
}
