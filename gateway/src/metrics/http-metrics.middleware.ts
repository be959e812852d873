import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { GatewayMetrics } from './gateway-metrics';

/** The route template of a finished request ('/api/queue/:id'), never the raw path (unbounded label values). */
export function routeTemplate(req: Request): string {
  return (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
}

/** Observes every request's latency by route template, method and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: GatewayMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observeHttp(req.method, routeTemplate(req), res.statusCode, seconds);
    });
    next();
  }
}
