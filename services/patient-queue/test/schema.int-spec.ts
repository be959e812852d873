import { join } from 'node:path';
import { applyMigrations, DatamodelSnapshot, dropDatabase, findSchemaDrift } from '@mediq/common';
import { testDatabaseUrl } from '@mediq/common/testing';
import datamodel from '../src/generated/datamodel.json';

const MIGRATIONS = join(__dirname, '../prisma/migrations');

describe('patient-queue database migrations', () => {
  const url = testDatabaseUrl('queue_schema');

  afterAll(() => dropDatabase(url));

  it('turn an empty database into exactly the Prisma datamodel', async () => {
    const run = await applyMigrations(url, MIGRATIONS);
    expect(run.applied.length).toBeGreaterThan(0);
    expect(await findSchemaDrift(url, datamodel as unknown as DatamodelSnapshot)).toEqual([]);
  });

  it('are a no-op when run again', async () => {
    const run = await applyMigrations(url, MIGRATIONS);
    expect(run.applied).toEqual([]);
  });
});
