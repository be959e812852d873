/**
 * Errors that cross RabbitMQ and reach every client. A service fails a request with one of these
 * codes; the gateway answers `{statusCode, code, message, requestId, details?}` with the HTTP status
 * listed here, and the web app shows the code's text in the person's language (web/src/i18n/errors.ts,
 * which must have a text for every code). A code of its own exists wherever a person has to act
 * differently. Unknown failures become INTERNAL (500), so a known case never surfaces as a bare 500.
 */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_NIK = 'INVALID_NIK',
  /** The NIK is registered to a person whose name differs: nothing was changed, nothing of that person is returned. */
  NIK_REGISTERED_TO_ANOTHER_PERSON = 'NIK_REGISTERED_TO_ANOTHER_PERSON',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOKEN_INVALID = 'TOKEN_INVALID',
  /** The session was ended (sign-out, role change, account removed): sign in again. */
  SESSION_ENDED = 'SESSION_ENDED',
  /** A ticket's follow link that no longer works (the ticket ended, or its day is over). */
  FOLLOW_LINK_EXPIRED = 'FOLLOW_LINK_EXPIRED',
  /** A staff password too short or too easy to guess: `details.rule` (`length` | `guessable`), `minLength`, `warning` (zxcvbn's reason key). */
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  /** The password was a one-time password set by an administrator: choose a new one (POST /api/auth/password) to sign in. */
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** Another operator or device already moved this ticket on. */
  TICKET_ALREADY_HANDLED = 'TICKET_ALREADY_HANDLED',
  /** The operator already has a patient called or in service: finish, skip or transfer them first (`details.displayNumber`). */
  OPERATOR_BUSY = 'OPERATOR_BUSY',
  UNPROCESSABLE = 'UNPROCESSABLE',
  SERVICE_CLOSED = 'SERVICE_CLOSED',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** An administrator disabled this staff account: it cannot sign in until enabled again. */
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  /** Too many failed sign-ins: `details.retryAfterSeconds` says when to try again. */
  LOCKED_OUT = 'LOCKED_OUT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  TIMEOUT = 'TIMEOUT',
  INTERNAL = 'INTERNAL',
}

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.INVALID_NIK]: 400,
  [ErrorCode.NIK_REGISTERED_TO_ANOTHER_PERSON]: 409,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.INVALID_CREDENTIALS]: 401,
  [ErrorCode.TOKEN_INVALID]: 401,
  [ErrorCode.SESSION_ENDED]: 401,
  [ErrorCode.FOLLOW_LINK_EXPIRED]: 410,
  [ErrorCode.WEAK_PASSWORD]: 400,
  [ErrorCode.PASSWORD_CHANGE_REQUIRED]: 403,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INVALID_TRANSITION]: 409,
  [ErrorCode.TICKET_ALREADY_HANDLED]: 409,
  [ErrorCode.OPERATOR_BUSY]: 409,
  [ErrorCode.UNPROCESSABLE]: 422,
  [ErrorCode.SERVICE_CLOSED]: 422,
  [ErrorCode.QUOTA_EXCEEDED]: 409,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.ACCOUNT_DISABLED]: 403,
  [ErrorCode.LOCKED_OUT]: 429,
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

/** The code an HTTP status stands for when the error did not come with one (framework errors at the edge). */
export function errorCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return ErrorCode.VALIDATION_FAILED;
    case 401: return ErrorCode.UNAUTHENTICATED;
    case 403: return ErrorCode.FORBIDDEN;
    case 404: return ErrorCode.NOT_FOUND;
    case 409: return ErrorCode.CONFLICT;
    case 413: return ErrorCode.PAYLOAD_TOO_LARGE;
    case 415: return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 422: return ErrorCode.UNPROCESSABLE;
    case 429: return ErrorCode.TOO_MANY_REQUESTS;
    case 503: return ErrorCode.SERVICE_UNAVAILABLE;
    case 504: return ErrorCode.TIMEOUT;
    default: return status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED;
  }
}
