import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { parseDatabaseUrl } from './database-url';

/** The driver adapter Prisma Client runs on (Prisma 7's query compiler needs no native engine). */
export function createMariaDbAdapter(databaseUrl: string, connectionLimit = 10): PrismaMariaDb {
  const { connection, database } = parseDatabaseUrl(databaseUrl);
  return new PrismaMariaDb({ ...connection, database, connectionLimit });
}
