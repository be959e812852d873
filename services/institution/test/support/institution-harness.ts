import { INestMicroservice } from '@nestjs/common';
import { applyMigrations, bootstrapService, DomainError, dropDatabase, RpcClient } from '@mediq/common';
import { deleteTestTopology, testBaseConfig, testDatabaseUrl, testEnv } from '@mediq/common/testing';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { loadInstitutionConfig } from '../../src/config';
import { PrismaService } from '../../src/database/prisma.service';
import { InstitutionCache } from '../../src/repositories/institution-cache';

export const MIGRATIONS = join(__dirname, '../../prisma/migrations');

/** The institution service on its own database and queue prefix, and an RpcClient to call it. */
export interface InstitutionHarness {
  app: INestMicroservice;
  rpc: RpcClient;
  prisma: PrismaService;
  cache: InstitutionCache;
  close(): Promise<void>;
}

export async function startInstitutionService(label: string, overrides: Record<string, string> = {}): Promise<InstitutionHarness> {
  const env = testEnv(overrides);
  const databaseUrl = testDatabaseUrl(label);
  await applyMigrations(databaseUrl, MIGRATIONS);
  const config = loadInstitutionConfig({ ...env, INSTITUTION_DATABASE_URL: databaseUrl });
  const app = await bootstrapService({ service: 'institution', module: AppModule.register(config), config });
  const rpc = new RpcClient(testBaseConfig(env));
  const cache = app.get(InstitutionCache);
  return {
    app,
    rpc,
    prisma: app.get(PrismaService),
    cache,
    async close() {
      await rpc.onApplicationShutdown();
      if (!overrides.REDIS_URL) await cache.clear();
      await app.close();
      await dropDatabase(databaseUrl);
      await deleteTestTopology(env);
    },
  };
}

/** The DomainError a call failed with (fails the test if it succeeded). */
export async function errorOf(call: Promise<unknown>): Promise<DomainError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

