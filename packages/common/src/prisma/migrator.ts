import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection, createConnection } from 'mariadb';
import { parseDatabaseUrl } from './database-url';

/**
 * Applies Prisma-format migrations (`prisma/migrations/<timestamp>_<name>/migration.sql`) without
 * Prisma's native schema engine, which cannot be downloaded here. It records them in Prisma's own
 * `_prisma_migrations` table with Prisma's checksum (sha256 of the file), so `prisma migrate deploy`
 * sees the same history where the engine exists. Re-running is a no-op; editing an applied
 * migration is an error.
 */
export interface MigrationRun {
  database: string;
  applied: string[];
  alreadyApplied: string[];
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const HISTORY_TABLE = '_prisma_migrations';
const LOCK_TIMEOUT_SECONDS = 60;

export async function applyMigrations(databaseUrl: string, migrationsDir: string): Promise<MigrationRun> {
  const { connection: options, database } = parseDatabaseUrl(databaseUrl);
  const migrations = listMigrations(migrationsDir);
  const connection = await createConnection({ ...options, multipleStatements: true });
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await connection.query(`USE \`${database}\``);
    return await withLock(connection, `mediq_migrate_${database}`, async () => {
      await ensureHistoryTable(connection);
      const history = await readHistory(connection);
      const run: MigrationRun = { database, applied: [], alreadyApplied: [] };
      for (const migration of migrations) {
        const recorded = history.get(migration.name);
        if (!recorded) {
          await applyOne(connection, migration);
          run.applied.push(migration.name);
        } else if (!recorded.finished) {
          throw new Error(
            `Migration ${migration.name} failed earlier in ${database}; repair the database, delete its row from ${HISTORY_TABLE}, then run again`,
          );
        } else if (recorded.checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied to ${database}; add a new migration instead of editing an applied one`,
          );
        } else {
          run.alreadyApplied.push(migration.name);
        }
      }
      return run;
    });
  } finally {
    await connection.end();
  }
}

export function listMigrations(migrationsDir: string): Migration[] {
  if (!existsSync(migrationsDir)) throw new Error(`No migrations folder at ${migrationsDir}`);
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

async function withLock<T>(connection: Connection, name: string, work: () => Promise<T>): Promise<T> {
  const [row] = await connection.query('SELECT GET_LOCK(?, ?) AS locked', [name, LOCK_TIMEOUT_SECONDS]);
  if (Number(row.locked) !== 1) throw new Error(`Another process holds the migration lock ${name}`);
  try {
    return await work();
  } finally {
    await connection.query('SELECT RELEASE_LOCK(?)', [name]);
  }
}

async function ensureHistoryTable(connection: Connection): Promise<void> {
  // The same table Prisma Migrate creates for MySQL.
  await connection.query(`CREATE TABLE IF NOT EXISTS \`${HISTORY_TABLE}\` (
    \`id\` VARCHAR(36) PRIMARY KEY NOT NULL,
    \`checksum\` VARCHAR(64) NOT NULL,
    \`finished_at\` DATETIME(3),
    \`migration_name\` VARCHAR(255) NOT NULL,
    \`logs\` TEXT,
    \`rolled_back_at\` DATETIME(3),
    \`started_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    \`applied_steps_count\` INTEGER UNSIGNED NOT NULL DEFAULT 0
  ) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
}

async function readHistory(connection: Connection): Promise<Map<string, { checksum: string; finished: boolean }>> {
  const rows: Array<{ migration_name: string; checksum: string; finished_at: Date | null }> = await connection.query(
    `SELECT migration_name, checksum, finished_at FROM \`${HISTORY_TABLE}\` WHERE rolled_back_at IS NULL`,
  );
  return new Map(rows.map((row) => [row.migration_name, { checksum: row.checksum, finished: row.finished_at !== null }]));
}

async function applyOne(connection: Connection, migration: Migration): Promise<void> {
  const id = randomUUID();
  await connection.query(`INSERT INTO \`${HISTORY_TABLE}\` (id, checksum, migration_name) VALUES (?, ?, ?)`, [
    id,
    migration.checksum,
    migration.name,
  ]);
  try {
    await connection.query(migration.sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await connection.query(`UPDATE \`${HISTORY_TABLE}\` SET logs = ? WHERE id = ?`, [message, id]);
    throw new Error(`Migration ${migration.name} failed: ${message}`);
  }
  await connection.query(
    `UPDATE \`${HISTORY_TABLE}\` SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = 1 WHERE id = ?`,
    [id],
  );
}

/** Drops a database (tests only: each test run migrates its own empty database). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { connection: options, database } = parseDatabaseUrl(databaseUrl);
  const connection = await createConnection(options);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}
