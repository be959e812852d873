import { isDatabaseUnavailableError } from './database-errors';

/** Messages as Prisma 7 with the MariaDB adapter reported them while the database was killed and restarted. */
const seenDuringRestart = [
  'Invalid `prisma.$executeRaw()` invocation:\n\n\nRaw query failed. Code: `45009`. Message: `socket has unexpectedly been closed`',
  'Database error. Code: `45009`. Message: `socket has unexpectedly been closed`',
  'Invalid `prisma.$queryRaw()` invocation:\n\n\nwrite EPIPE',
  '(conn:-1, no: 45028, SQLState: HY000) retrieve connection from pool timeout after 10001ms\n    (pool connections: active=0 idle=0 limit=10)',
  'connect ECONNREFUSED 127.0.0.1:3306',
];

describe('isDatabaseUnavailableError', () => {
  it.each(seenDuringRestart)('recognises a lost database: %s', (message) => {
    expect(isDatabaseUnavailableError(new Error(message))).toBe(true);
  });

  it('looks through the cause chain', () => {
    const driver = new Error('(conn:12, no: 1927, SQLState: 70100) Connection was killed');
    expect(isDatabaseUnavailableError(new Error('Invalid `tx.ticket.update()` invocation', { cause: driver }))).toBe(true);
  });

  it('leaves query and data errors alone: they are bugs or conflicts, not outages', () => {
    expect(isDatabaseUnavailableError(new Error("Unique constraint failed on the constraint: `tickets_requestId_key`"))).toBe(false);
    expect(isDatabaseUnavailableError(new Error("Table 'mediq_queue.ticketz' doesn't exist"))).toBe(false);
    expect(isDatabaseUnavailableError(undefined)).toBe(false);
    expect(isDatabaseUnavailableError('boom')).toBe(false);
  });
});
