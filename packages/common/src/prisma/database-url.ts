import type { ConnectionConfig } from 'mariadb';

/** A pool's size when the URL names none (`?connection_limit=`). */
export const DEFAULT_CONNECTION_LIMIT = 10;

/**
 * Splits a mysql:// or mariadb:// URL into driver options; the database name is returned apart, and
 * so is `?connection_limit=N` (Prisma's name for the pool size), when given.
 */
export function parseDatabaseUrl(url: string): { connection: ConnectionConfig; database: string; connectionLimit?: number } {
  const parsed = new URL(url.replace(/^mysql:/, 'mariadb:'));
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) {
    throw new Error('The database URL must name a database made of letters, digits and underscores');
  }
  const limit = parsed.searchParams.get('connection_limit');
  const connectionLimit = limit === null ? undefined : Number(limit);
  if (connectionLimit !== undefined && !(Number.isInteger(connectionLimit) && connectionLimit >= 1)) {
    throw new Error('connection_limit in the database URL must be a whole number of at least 1');
  }
  return {
    database,
    ...(connectionLimit !== undefined ? { connectionLimit } : {}),
    connection: {
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    },
  };
}
