/**
 * Whether an error means the database could not be reached (down, restarting, connection cut or pool
 * exhausted) rather than that the query was wrong. Such a failure is temporary: handlers answer it as
 * SERVICE_UNAVAILABLE (503 with Retry-After at the gateway) instead of an internal error, and the caller
 * retries with its idempotency key.
 *
 * Prisma wraps the MariaDB driver's errors (PrismaClientKnownRequestError, DriverAdapterError) and keeps
 * the driver's text in the message or the cause, so the signatures are matched on the whole chain.
 */
const UNREACHABLE = [
  /\bECONNREFUSED\b/,
  /\bECONNRESET\b/,
  /\bEPIPE\b/,
  /\bETIMEDOUT\b/,
  /\bEHOSTUNREACH\b/,
  /socket has unexpectedly been closed/i, // MariaDB connector 45009
  /retrieve connection from pool timeout/i, // 45028
  /Connection timeout: failed to create socket/i, // 45012
  /cannot execute new commands: connection closed/i,
  /Server shutdown in progress/i, // server error 1053
  /Connection was killed/i, // 1927
  /Can't reach database server/i, // Prisma P1001
  /Timed out fetching a new connection from the connection pool/i, // Prisma P2024
];

export function isDatabaseUnavailableError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const text = current instanceof Error ? current.message : typeof current === 'object' ? JSON.stringify(current) : String(current);
    if (UNREACHABLE.some((signature) => signature.test(text))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
