import { createPool, type Pool, type PoolConnection } from 'mariadb';
import { DEFAULT_CONNECTION_LIMIT, parseDatabaseUrl } from './database-url';

/** How often a transaction runs when InnoDB keeps picking it as a deadlock victim (or its lock wait times out). */
const TRANSACTION_ATTEMPTS = 4;

/** A DATETIME parameter exactly as Prisma's MariaDB adapter writes it: UTC, `YYYY-MM-DD HH:MM:SS.mmm`. */
export function utcDateTime(date: Date): string {
  return date.toISOString().slice(0, 23).replace('T', ' ');
}

/** A DATE (`YYYY-MM-DD`) or DATETIME (`YYYY-MM-DD HH:MM:SS[.mmm]`) read as a string, as the UTC instant it stores. */
export function utcDate(value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : `${value.replace(' ', 'T')}Z`);
}

/** A statement's parameters as the driver sends them: a Date as the UTC string Prisma writes (the driver would use the process's time zone). */
function driverValues(values: readonly unknown[]): unknown[] {
  return values.map((value) => (value instanceof Date ? utcDateTime(value) : value));
}

/** Prepared statements that return rows: a pool's connection outside a transaction, or a transaction's. */
export interface SqlReader {
  execute<T>(sql: string, values: readonly unknown[]): Promise<T[]>;
}

/** The one handle of a transaction: every statement on its connection, between START TRANSACTION and COMMIT. */
export class SqlTransaction implements SqlReader {
  constructor(private readonly connection: PoolConnection) {}

  execute<T>(sql: string, values: readonly unknown[]): Promise<T[]> {
    return this.connection.execute(sql, driverValues(values));
  }

  /** A statement that returns no rows (INSERT, UPDATE). */
  async write(sql: string, values: readonly unknown[]): Promise<void> {
    await this.connection.execute(sql, driverValues(values));
  }
}

/**
 * A plain MariaDB driver pool beside a service's Prisma client, for hot paths: prepared statements (the driver
 * caches them per connection), no query engine. A read through the driver costs ~0.07 ms of CPU where the same
 * read through Prisma Client costs 0.2-0.6 ms, and a write transaction in it a fraction of Prisma's interactive
 * transaction (docs/benchmarks.md). Dates are read as the UTC strings stored (`utcDate`) and written as such;
 * JSON columns are read as the text stored.
 *
 * `connectionLimit`: the pool's size, else the URL's `connection_limit`, else DEFAULT_CONNECTION_LIMIT.
 * `readCommitted`: every connection starts at READ COMMITTED, for transactions that all run at that level
 * (locking reads see the latest committed rows and take no gap locks) without a SET TRANSACTION each.
 */
export class DriverPool implements SqlReader {
  private readonly pool: Pool;

  constructor(databaseUrl: string, options: { connectionLimit?: number; readCommitted?: boolean } = {}) {
    const { connection, database, connectionLimit = DEFAULT_CONNECTION_LIMIT } = parseDatabaseUrl(databaseUrl);
    const initSql = options.readCommitted ? { initSql: 'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED' } : {};
    this.pool = createPool({
      ...connection,
      database,
      connectionLimit: options.connectionLimit ?? connectionLimit,
      bigIntAsNumber: true,
      decimalAsNumber: true,
      dateStrings: true,
      autoJsonMap: false,
      ...initSql,
    });
  }

  execute<T>(sql: string, values: readonly unknown[]): Promise<T[]> {
    return this.pool.execute(sql, driverValues(values));
  }

  /**
   * Runs `work` in a transaction on one connection of the pool and commits it; rolls it back when `work`
   * throws, and runs it again (up to TRANSACTION_ATTEMPTS times) when InnoDB rolled it back as a deadlock
   * victim or a lock wait timed out.
   */
  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
      }
    }
  }

  private async once<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const connection = await this.pool.getConnection();
    try {
      await connection.beginTransaction();
      const result = await work(new SqlTransaction(connection));
      await connection.commit();
      return result;
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw error;
    } finally {
      // Back to the pool (a broken connection is closed instead).
      await connection.release().catch(() => undefined);
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/** MariaDB's error numbers for the failures the transactions tell apart. */
const ER_DUP_ENTRY = 1062;
const ER_LOCK_WAIT_TIMEOUT = 1205;
const ER_LOCK_DEADLOCK = 1213;

/** A deadlock or lock-wait timeout from the driver: the transaction, rolled back, may simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  const errno = (error as { errno?: number } | null)?.errno;
  return errno === ER_LOCK_DEADLOCK || errno === ER_LOCK_WAIT_TIMEOUT;
}

/**
 * The unique index a statement violated (`Duplicate entry '...' for key '<index>'`, ER_DUP_ENTRY), or null for
 * any other error. Only the index name is returned: the duplicated value may be personal data.
 */
export function uniqueViolation(error: unknown): string | null {
  const { errno, sqlMessage } = (error ?? {}) as { errno?: number; sqlMessage?: string };
  if (errno !== ER_DUP_ENTRY) return null;
  return /for key '([^']+)'$/.exec(sqlMessage ?? '')?.[1] ?? 'unknown';
}
