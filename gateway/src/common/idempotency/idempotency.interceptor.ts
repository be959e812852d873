import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import { GATEWAY_CONFIG, GatewayConfig } from '../../config';
import { routeTemplate } from '../../metrics/http-metrics.middleware';
import { edgeContext } from '../edge-context';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from './idempotency.constants';
import { IdempotencyStore } from './idempotency.store';

const SANE_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
/** Extra time a pending claim outlives the slowest possible handling before it frees itself. */
const PENDING_MARGIN_MS = 5_000;

/**
 * Honours Idempotency-Key on the routes it is applied to (by @Idempotent()). Keys are scoped to the acting user or kiosk and
 * the route, so one caller's key never replays another's answer. Same key + same body: the stored
 * answer; same key + different body: 422; same key while the first is still running: 409.
 * Successful answers are stored for IDEMPOTENCY_TTL_SECONDS; a failed request frees its key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly pendingTtlMs: number;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    const slowestCallMs = Math.max(config.RPC_TIMEOUT_MS, config.OCR_TIMEOUT_MS) * (config.RPC_RETRY_ATTEMPTS + 1);
    this.pendingTtlMs = slowestCallMs + PENDING_MARGIN_MS;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.header(IDEMPOTENCY_KEY_HEADER);
    if (header === undefined) return next.handle();
    if (!SANE_KEY.test(header)) {
      throw DomainError.validation('Idempotency-Key must be 8-128 letters, digits, dots, colons, dashes or underscores', {
        'Idempotency-Key': 'invalid',
      });
    }

    const key = `${actorScope(req.actor)}:${req.method} ${routeTemplate(req)}:${header}`;
    const fingerprint = fingerprintOf(req);
    const claim = await this.store.claim(key, fingerprint, this.pendingTtlMs).catch(() => {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'Requests with an Idempotency-Key cannot be accepted right now; retry shortly', {
        reason: 'idempotency-store-unavailable',
      });
    });

    switch (claim.outcome) {
      case 'replay':
        res.status(claim.response.status);
        res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return of(claim.response.body);
      case 'in-progress':
        res.setHeader('Retry-After', '1');
        throw new DomainError(ErrorCode.CONFLICT, 'A request with this Idempotency-Key is still being processed; retry in a moment to get its answer', {
          reason: 'idempotency-key-in-progress',
        });
      case 'different-request':
        throw new DomainError(
          ErrorCode.UNPROCESSABLE,
          'This Idempotency-Key was already used with a different request body; send a new key for a new request',
          { reason: 'idempotency-key-reused' },
        );
    }

    edgeContext.markIdempotent(header);
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          this.store
            .complete(key, fingerprint, { status: res.statusCode, body: body ?? null }, this.config.IDEMPOTENCY_TTL_SECONDS)
            .catch(() => undefined) // the answer stands; a retry would run again and the service deduplicates it
            .then(() => body),
        ),
      ),
      catchError((error: unknown) =>
        from(this.store.release(key, fingerprint, claim.token).catch(() => undefined)).pipe(
          mergeMap(() => {
            throw error;
          }),
        ),
      ),
    );
  }
}

function actorScope(actor: Actor | undefined): string {
  if (actor?.kind === 'kiosk') return `kiosk:${actor.kioskKeyId}`;
  if (actor?.userId) return `user:${actor.userId}`;
  return actor?.kind ?? 'anonymous';
}

/** A hash of what makes two requests "the same": the route's parameters and the JSON body, key order ignored. */
function fingerprintOf(req: Request): string {
  return createHash('sha256')
    .update(canonicalJson({ params: req.params, query: req.query, body: req.body ?? null }))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
