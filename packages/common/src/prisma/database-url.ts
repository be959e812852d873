import type { ConnectionConfig } from 'mariadb';

/** Splits a mysql:// or mariadb:// URL into driver options; the database name is returned apart. */
export function parseDatabaseUrl(url: string): { connection: ConnectionConfig; database: string } {
  const parsed = new URL(url.replace(/^mysql:/, 'mariadb:'));
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) {
    throw new Error('The database URL must name a database made of letters, digits and underscores');
  }
  return {
    database,
    connection: {
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    },
  };
}
