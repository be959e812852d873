import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, requestContext } from '@mediq/common';
import { ErrorCode, errorCodeForStatus } from '@mediq/contracts';
import type { Response } from 'express';

/**
 * The one error body every route answers with. `code` is the contracts' ErrorCode (what a client
 * branches on and translates); `message` is one English sentence for developers; `details` carries
 * structured, non-personal facts a screen may fill in (a field name, a retry time).
 */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

const RETRY_AFTER_SECONDS = 5;
/** Answers after which trying again later can succeed: they carry a Retry-After hint. */
const RETRYABLE_STATUSES = new Set<number>([HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT, HttpStatus.TOO_MANY_REQUESTS]);

/**
 * Turns every error into `{statusCode, code, message, requestId, details?}`. Typed errors from
 * services keep their code and status; framework errors get the code of their status; anything
 * unknown is a 500 without internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (RETRYABLE_STATUSES.has(body.statusCode)) {
      const retryAfter = body.details?.retryAfterSeconds;
      if (!response.getHeader('Retry-After')) response.setHeader('Retry-After', String(typeof retryAfter === 'number' ? retryAfter : RETRY_AFTER_SECONDS));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    const requestId = requestContext.requestId();
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.httpStatus,
        code: exception.code,
        message: exception.message,
        requestId,
        ...(exception.details ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message = typeof payload === 'string' ? payload : ((payload as { message?: string | string[] }).message ?? exception.message);
      // class-validator lists one sentence per field: the first is the message, all are details.
      if (Array.isArray(message)) {
        return { statusCode: status, code: errorCodeForStatus(status), message: message[0] ?? exception.message, requestId, details: { errors: message } };
      }
      return { statusCode: status, code: errorCodeForStatus(status), message, requestId };
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(`Unhandled error: ${error.message}`, error.stack);
    return { statusCode: 500, code: ErrorCode.INTERNAL, message: 'An unexpected error occurred', requestId };
  }
}
