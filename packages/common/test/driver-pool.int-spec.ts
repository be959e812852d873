import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, dropDatabase, DriverPool, isRetryableConflict, uniqueViolation } from '../src/prisma';
import { testDatabaseUrl } from '../src/testing';

const CREATE_SEATS = `CREATE TABLE seats (
  id INT NOT NULL,
  holder VARCHAR(64) NULL,
  takenAt DATETIME(3) NULL,
  UNIQUE INDEX seats_holder_key (holder),
  PRIMARY KEY (id)
) DEFAULT CHARACTER SET utf8mb4;`;

/** Resolves once `count` callers have reached it: two transactions each holding one lock, before each asks for the other's. */
function barrier(count: number): () => Promise<void> {
  let waiting = 0;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++waiting === count) release();
    return reached;
  };
}

describe('DriverPool transactions (real MariaDB)', () => {
  const url = testDatabaseUrl('driver_pool');
  let pool: DriverPool;

  beforeAll(async () => {
    const migrations = mkdtempSync(join(tmpdir(), 'mediq-driver-pool-'));
    mkdirSync(join(migrations, '0001_seats'));
    writeFileSync(join(migrations, '0001_seats', 'migration.sql'), CREATE_SEATS);
    await applyMigrations(url, migrations);
    pool = new DriverPool(url, { readCommitted: true });
  });

  afterAll(async () => {
    await pool.end();
    await dropDatabase(url);
  });

  beforeEach(async () => {
    await pool.transaction(async (tx) => {
      await tx.write('DELETE FROM seats', []);
      await tx.write('INSERT INTO seats (id) VALUES (1), (2)', []);
    });
  });

  it('runs at READ COMMITTED and commits what the work wrote, dates as the UTC instants given', async () => {
    const takenAt = new Date('2026-12-07T01:02:03.456Z');
    const level = await pool.transaction(async (tx) => {
      await tx.write('UPDATE seats SET holder = ?, takenAt = ? WHERE id = ?', ['ani', takenAt, 1]);
      return (await tx.execute<{ level: string }>('SELECT @@tx_isolation AS level', []))[0].level;
    });
    expect(level).toBe('READ-COMMITTED');
    expect(await pool.execute('SELECT holder, takenAt FROM seats WHERE id = ?', [1])).toEqual([{ holder: 'ani', takenAt: '2026-12-07 01:02:03.456' }]);
  });

  it('rolls everything back when the work fails, and names the unique index a statement violated', async () => {
    await pool.transaction((tx) => tx.write('UPDATE seats SET holder = ? WHERE id = ?', ['ani', 1]));
    const failure = await pool
      .transaction(async (tx) => {
        await tx.write('UPDATE seats SET takenAt = ? WHERE id = ?', [new Date(), 1]);
        await tx.write('UPDATE seats SET holder = ? WHERE id = ?', ['ani', 2]);
      })
      .catch((error: unknown) => error);
    expect(uniqueViolation(failure)).toBe('seats_holder_key');
    expect(isRetryableConflict(failure)).toBe(false);
    expect(await pool.execute('SELECT id, holder, takenAt FROM seats ORDER BY id', [])).toEqual([
      { id: 1, holder: 'ani', takenAt: null },
      { id: 2, holder: null, takenAt: null },
    ]);
    expect(uniqueViolation(new Error('Deadlock found when trying to get lock'))).toBeNull();
  });

  it('runs a deadlock victim again, so both transactions commit', async () => {
    const bothLocked = barrier(2);
    let runs = 0;
    const take = (first: number, second: number, holder: string) =>
      pool.transaction(async (tx) => {
        runs++;
        await tx.execute('SELECT id FROM seats WHERE id = ? FOR UPDATE', [first]);
        await bothLocked();
        await tx.write('UPDATE seats SET holder = ? WHERE id = ?', [`${holder}-${second}`, second]);
        await tx.write('UPDATE seats SET holder = ? WHERE id = ?', [`${holder}-${first}`, first]);
      });
    await Promise.all([take(1, 2, 'a'), take(2, 1, 'b')]);
    expect(runs).toBe(3);
    const holders = (await pool.execute<{ holder: string }>('SELECT holder FROM seats ORDER BY id', [])).map((row) => row.holder);
    expect([['a-1', 'a-2'], ['b-1', 'b-2']]).toContainEqual(holders);
  });
});
