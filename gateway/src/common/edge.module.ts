import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BodyErrorMiddleware } from './body-error.middleware';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { GlobalRateLimitMiddleware } from './rate-limit/global-rate-limit.middleware';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimiter } from './rate-limit/rate-limiter';

/**
 * What every request passes at the door besides authentication: the global per-IP rate limit
 * and unreadable bodies answered in the one error format (middleware), the stricter @RateLimit() route limits (guard), and the
 * store behind Idempotency-Key replay, which @Idempotent() routes use through their interceptor (global, so any module's
 * controller can).
 */
@Global()
@Module({
  providers: [
    RateLimiter,
    IdempotencyStore,
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [IdempotencyStore],
})
export class EdgeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GlobalRateLimitMiddleware, BodyErrorMiddleware).forRoutes('*');
  }
}
