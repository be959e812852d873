/**
 * Errors that cross RabbitMQ. A service fails a request with one of these codes; the gateway
 * turns the code into the HTTP status listed here. Unknown failures become INTERNAL (500), so a
 * known case never surfaces as a bare 500.
 */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_NIK = 'INVALID_NIK',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOKEN_INVALID = 'TOKEN_INVALID',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  UNPROCESSABLE = 'UNPROCESSABLE',
  SERVICE_CLOSED = 'SERVICE_CLOSED',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  TIMEOUT = 'TIMEOUT',
  INTERNAL = 'INTERNAL',
}

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.INVALID_NIK]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.INVALID_CREDENTIALS]: 401,
  [ErrorCode.TOKEN_INVALID]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INVALID_TRANSITION]: 409,
  [ErrorCode.UNPROCESSABLE]: 422,
  [ErrorCode.SERVICE_CLOSED]: 422,
  [ErrorCode.QUOTA_EXCEEDED]: 409,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 504,
  [ErrorCode.INTERNAL]: 500,
};

/** What travels back over RabbitMQ when a handler fails. */
export interface RpcErrorReply {
  code: ErrorCode;
  message: string;
  /** Optional structured detail safe to show a client (field names, rule ids) — never PII. */
  details?: Record<string, unknown>;
}

export function isRpcErrorReply(value: unknown): value is RpcErrorReply {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RpcErrorReply).code === 'string' &&
    (value as RpcErrorReply).code in ERROR_HTTP_STATUS &&
    typeof (value as RpcErrorReply).message === 'string'
  );
}
