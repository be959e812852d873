import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError, requestContext } from '@mediq/common';
import type { Response } from 'express';

/** The one error body every route answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  requestId?: string;
  details?: Record<string, unknown>;
}

const RETRY_AFTER_SECONDS = 5;
/** Answers after which trying again later can succeed: they carry a Retry-After hint. */
const RETRYABLE_STATUSES = new Set<number>([HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT, HttpStatus.TOO_MANY_REQUESTS]);

/**
 * Turns every error into `{statusCode, error, message, requestId}`. Typed errors from services keep
 * their status; anything unknown is a 500 without internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (RETRYABLE_STATUSES.has(body.statusCode)) {
      if (!response.getHeader('Retry-After')) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    const requestId = requestContext.requestId();
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.httpStatus,
        error: STATUS_CODES[exception.httpStatus] ?? 'Error',
        message: exception.message,
        requestId,
        ...(exception.details ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message = typeof payload === 'string' ? payload : ((payload as { message?: string | string[] }).message ?? exception.message);
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, requestId };
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(`Unhandled error: ${error.message}`, error.stack);
    return { statusCode: 500, error: 'Internal Server Error', message: 'An unexpected error occurred', requestId };
  }
}
