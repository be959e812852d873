import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { clientIp } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter';

/** The global per-IP limit, counted before authentication so a flood of bad credentials is limited too. */
@Injectable()
export class GlobalRateLimitMiddleware implements NestMiddleware {
  constructor(private readonly limiter: RateLimiter) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (this.limiter.enabled) await this.limiter.consume('global', clientIp(req), res);
    next();
  }
}
