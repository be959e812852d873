import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';

/** The stricter per-IP limits some routes carry on top of the global one. */
export type RouteRateLimitPolicy = 'login' | 'upload';
export type RateLimitPolicy = 'global' | RouteRateLimitPolicy;

export const RATE_LIMIT_POLICY = 'mediq:rate-limit';

/** Counts the route's calls per client IP against the policy's stricter limit (RATE_LIMIT_LOGIN, RATE_LIMIT_UPLOAD). */
export const RateLimit = (policy: RouteRateLimitPolicy) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_POLICY, policy),
    ApiTooManyRequestsResponse({ description: `Too many ${policy} requests from this address: wait Retry-After seconds` }),
  );
