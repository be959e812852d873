import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RATE_LIMIT_POLICY, RouteRateLimitPolicy } from './rate-limit.decorator';
import { RateLimiter } from './rate-limiter';

/** Applies a route's @RateLimit() policy (the global per-IP limit is the middleware's). */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || !this.limiter.enabled) return true;
    const policy = this.reflector.getAllAndOverride<RouteRateLimitPolicy | undefined>(RATE_LIMIT_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    await this.limiter.consume(policy, clientIp(req), http.getResponse<Response>());
    return true;
  }
}

/** The client's address as Express sees it (X-Forwarded-For only through TRUST_PROXY_HOPS trusted proxies). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
