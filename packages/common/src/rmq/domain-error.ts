import { ErrorCode, ERROR_HTTP_STATUS, isRpcErrorReply, RpcErrorReply } from '@mediq/contracts';
import { isDatabaseUnavailableError } from '../prisma/database-errors';

/**
 * The one error type a handler or service throws for a known failure. It crosses RabbitMQ as an
 * RpcErrorReply and becomes the matching HTTP status at the gateway.
 */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.code];
  }

  toReply(): RpcErrorReply {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }

  static fromReply(reply: RpcErrorReply): DomainError {
    return new DomainError(reply.code, reply.message, reply.details);
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} was not found`);
  }

  static validation(message: string, fields?: Record<string, string>): DomainError {
    return new DomainError(ErrorCode.VALIDATION_FAILED, message, fields ? { fields } : undefined);
  }

  static forbidden(message = 'You are not allowed to do this'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is briefly unavailable; please try again in a moment';

/** Turns anything thrown into a reply; unknown errors never reveal their internals. */
export function toRpcErrorReply(error: unknown): RpcErrorReply {
  if (error instanceof DomainError) return error.toReply();
  if (isRpcErrorReply(error)) return error;
  if (isDatabaseUnavailableError(error)) return { code: ErrorCode.SERVICE_UNAVAILABLE, message: DATABASE_UNAVAILABLE_MESSAGE };
  return { code: ErrorCode.INTERNAL, message: 'An unexpected error occurred' };
}
