import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { parseDatabaseUrl } from './database-url';

/**
 * The driver adapter Prisma Client runs on (Prisma 7's query compiler needs no native engine). The
 * pool holds `?connection_limit=` of the URL, else 10 connections.
 */
export function createMariaDbAdapter(databaseUrl: string): PrismaMariaDb {
  const { connection, database, connectionLimit = 10 } = parseDatabaseUrl(databaseUrl);
  return new PrismaMariaDb({ ...connection, database, connectionLimit });
}
