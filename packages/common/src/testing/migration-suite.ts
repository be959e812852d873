import { applyMigrations, DatamodelSnapshot, dropDatabase, findSchemaDrift } from '../prisma';
import { testDatabaseUrl } from './test-infrastructure';

/**
 * The schema test every stateful service runs: its hand-written migrations turn an empty database
 * into exactly its Prisma datamodel (the snapshot `prisma generate` writes), and re-running them is
 * a no-op. Editing schema.prisma without a migration, or the other way round, fails it.
 */
export function describeMigrationsMatchSchema(service: string, migrationsDir: string, datamodel: unknown): void {
  describe(`${service} database migrations`, () => {
    const url = testDatabaseUrl(`${service.replace(/-/g, '_')}_schema`);

    afterAll(() => dropDatabase(url));

    it('turn an empty database into exactly the Prisma datamodel', async () => {
      const run = await applyMigrations(url, migrationsDir);
      expect(run.applied.length).toBeGreaterThan(0);
      expect(await findSchemaDrift(url, datamodel as DatamodelSnapshot)).toEqual([]);
    });

    it('are a no-op when run again', async () => {
      const run = await applyMigrations(url, migrationsDir);
      expect(run.applied).toEqual([]);
    });
  });
}
