import type { DestinationStream } from 'pino';
import { INestMicroservice } from '@nestjs/common';
import { applyMigrations, bootstrapService, dropDatabase, RpcClient, SYSTEM_ACTOR } from '@mediq/common';
import { testBaseConfig, testDatabaseUrl, testEnv } from '@mediq/common/testing';
import { IssuedKioskKey, KioskKeyContracts, SeedInstitutionAccessReply, UserContracts } from '@mediq/contracts';
import { join } from 'node:path';
import { AppModule as UserModule } from '../../../services/user/src/app.module';
import { loadUserConfig, UserConfig } from '../../../services/user/src/config';

const USER_MIGRATIONS = join(__dirname, '../../../services/user/prisma/migrations');

export interface RunningUserService {
  app: INestMicroservice;
  config: UserConfig;
  databaseUrl: string;
  /** Stops the service and drops its database. */
  close(): Promise<void>;
}

/**
 * Runs the user service in-process on a fresh database of its own, on the queue prefix of `env`
 * (from testEnv()), so a gateway test can verify kiosk keys or sign in for real.
 */
export async function startUserService(
  env: ReturnType<typeof testEnv>,
  overrides: Record<string, string> = {},
  logDestination?: DestinationStream,
): Promise<RunningUserService> {
  const databaseUrl = testDatabaseUrl('user');
  await applyMigrations(databaseUrl, USER_MIGRATIONS);
  const config = loadUserConfig({ ...env, USER_DATABASE_URL: databaseUrl, ...overrides });
  const app = await bootstrapService({ service: 'user', module: UserModule.register(config), config, logDestination });
  return {
    app,
    config,
    databaseUrl,
    close: async () => {
      await app.close();
      await dropDatabase(databaseUrl);
    },
  };
}

/**
 * Issues a kiosk x-api-key for `institutionId` as the system (the user service of `env` must be
 * running); send it as the `x-api-key` header.
 */
export async function issueTestKioskKey(env: ReturnType<typeof testEnv>, institutionId: string, label = 'test kiosk'): Promise<IssuedKioskKey> {
  const rpc = new RpcClient(testBaseConfig(env));
  try {
    return await rpc.call(KioskKeyContracts.issue, { institutionId, label }, { actor: SYSTEM_ACTOR });
  } finally {
    await rpc.onApplicationShutdown();
  }
}

/**
 * Seeds an institution's staff as the system: an admin `admin@<domain>` and an operator
 * `operator@<domain>`, both with `password`, and one kiosk key labelled `kioskLabel`.
 */
export function seedInstitutionAccess(
  rpc: RpcClient,
  institutionId: string,
  domain: string,
  { password, kioskLabel = 'lobby', timeoutMs }: { password: string; kioskLabel?: string; timeoutMs?: number },
): Promise<SeedInstitutionAccessReply> {
  return rpc.call(
    UserContracts.seedInstitutionAccess,
    {
      institutionId,
      admin: { name: 'Admin Puskesmas', email: `admin@${domain}`, password },
      operator: { name: 'Operator Loket', email: `operator@${domain}`, password },
      kioskKey: { label: kioskLabel },
    },
    { actor: SYSTEM_ACTOR, ...(timeoutMs ? { timeoutMs } : {}) },
  );
}
