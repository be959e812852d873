import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { DEFAULT_CONNECTION_LIMIT, parseDatabaseUrl } from './database-url';

/**
 * The driver adapter Prisma Client runs on (Prisma 7's query compiler needs no native engine). The
 * pool holds `connectionLimit` connections when given (a service whose hot paths run on a DriverPool),
 * else `?connection_limit=` of the URL, else 10.
 *
 * Text protocol: the adapter's binary protocol prepares, executes and closes a statement for every
 * query (it keeps no statement cache, prisma/prisma#29364), three packets where text needs one; text
 * costs MariaDB ~25 % and the service ~10 % less CPU per query (docs/benchmarks.md). The binary
 * protocol's one gain, exact large DECIMALs (prisma/prisma#29160), does not apply: no schema has a
 * Decimal column (mariadb-adapter.spec.ts fails when one appears).
 */
export function createMariaDbAdapter(databaseUrl: string, options: { connectionLimit?: number } = {}): PrismaMariaDb {
  const { connection, database, connectionLimit = DEFAULT_CONNECTION_LIMIT } = parseDatabaseUrl(databaseUrl);
  return new PrismaMariaDb({ ...connection, database, connectionLimit: options.connectionLimit ?? connectionLimit }, { useTextProtocol: true });
}
