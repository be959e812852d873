import { Injectable, NestMiddleware } from '@nestjs/common';
import { requestContext } from '@mediq/common';
import { RPC_HEADERS } from '@mediq/contracts';
import type { NextFunction, Request, Response } from 'express';
import { edgeContext } from './edge-context';

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Accepts a caller's x-request-id (if sane) or makes one, echoes it, and scopes the request to it
 * (and to its method, which tells downstream calls whether they may be retried).
 */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const incoming = req.header(RPC_HEADERS.requestId);
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : requestContext.newRequestId();
    res.setHeader(RPC_HEADERS.requestId, requestId);
    requestContext.run({ requestId }, () => edgeContext.run({ method: req.method }, () => next()));
  }
}
