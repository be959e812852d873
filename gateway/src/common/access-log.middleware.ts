import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { routeTemplate } from '../metrics/http-metrics.middleware';

/**
 * One structured line per request: method, route template (never the raw path, which may carry
 * ids), status, latency and the acting user's id. The request id comes from the logger's context.
 */
@Injectable()
export class AccessLogMiddleware implements NestMiddleware {
  private readonly logger = new Logger('http');

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const latencyMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      const actor = (req as Request & { actor?: { userId?: string; kioskKeyId?: string } }).actor;
      const route = routeTemplate(req);
      this.logger.log({
        msg: `${req.method} ${route} ${res.statusCode}`,
        method: req.method,
        route,
        status: res.statusCode,
        latencyMs,
        ...(actor?.userId ? { userId: actor.userId } : {}),
        ...(actor?.kioskKeyId ? { kioskKeyId: actor.kioskKeyId } : {}),
      });
    });
    next();
  }
}
