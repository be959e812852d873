import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ErrorCode, isRpcErrorReply } from '@mediq/contracts';
import { Observable, tap } from 'rxjs';
import { DomainError } from '../rmq/domain-error';
import { ServiceMetrics } from './service-metrics';

/** Times every RabbitMQ handler and counts its outcome: `ok` or the error code it answered. */
@Injectable()
export class RpcMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: ServiceMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const pattern = patternOf(context.switchToRpc().getContext<{ getPattern(): string }>().getPattern());
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    return next.handle().pipe(
      tap({
        next: () => undefined,
        complete: () => this.metrics.observe(pattern, 'ok', seconds()),
        error: (error: unknown) => this.metrics.observe(pattern, errorCode(error), seconds()),
      }),
    );
  }
}

/** Patterns seen so far (a service has a few dozen); parsing each message's pattern again showed in the profile. */
const patterns = new Map<string, string>();
const MAX_PATTERNS = 500;

/** NestJS hands the pattern over as it arrived: a string, or the JSON of one. */
function patternOf(raw: string): string {
  let pattern = patterns.get(raw);
  if (pattern === undefined) {
    pattern = parsePattern(raw);
    if (patterns.size < MAX_PATTERNS) patterns.set(raw, pattern);
  }
  return pattern;
}

function parsePattern(raw: string): string {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'string' ? parsed : raw;
  } catch {
    return raw;
  }
}

function errorCode(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  if (isRpcErrorReply(error)) return error.code;
  return ErrorCode.INTERNAL;
}
