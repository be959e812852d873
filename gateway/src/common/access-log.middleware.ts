import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** One structured line per request: route, status, latency and the acting user's id (never PII). */
@Injectable()
export class AccessLogMiddleware implements NestMiddleware {
  private readonly logger = new Logger('http');

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      const actor = (req as Request & { actor?: { userId?: string } }).actor;
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      this.logger.log(
        JSON.stringify({ method: req.method, route, status: res.statusCode, latencyMs: Math.round(latencyMs * 10) / 10, userId: actor?.userId }),
      );
    });
    next();
  }
}
