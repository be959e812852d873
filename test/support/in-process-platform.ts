import { DynamicModule, INestApplication, INestMicroservice } from '@nestjs/common';
import { applyMigrations, BaseConfig, baseEnvSchema, bootstrapService, dropDatabase, RpcClient, SYSTEM_ACTOR } from '@mediq/common';
import { deleteTestTopology, testDatabaseUrl, testEnv, uniqueSuffix } from '@mediq/common/testing';
import { demoInstitutionSeed, InstitutionContracts, ServiceName, ServiceView, UserContracts } from '@mediq/contracts';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createGateway } from '../../gateway/src/bootstrap';
import { loadGatewayConfig } from '../../gateway/src/config';
import { AppModule as InstitutionModule } from '../../services/institution/src/app.module';
import { loadInstitutionConfig } from '../../services/institution/src/config';
import { AppModule as OcrModule } from '../../services/ocr/src/app.module';
import { loadOcrConfig } from '../../services/ocr/src/config';
import { AppModule as PatientQueueModule } from '../../services/patient-queue/src/app.module';
import { loadPatientQueueConfig } from '../../services/patient-queue/src/config';
import { AppModule as UserModule } from '../../services/user/src/app.module';
import { loadUserConfig } from '../../services/user/src/config';

/**
 * Services and the gateway in this test process, wired over the real RabbitMQ with their own
 * migrated databases and a queue prefix of their own. A test can stop and start one service to
 * inject a failure; everything else keeps running.
 *
 * The OCR engine is the exception: it runs its build (services/ocr-engine/dist) as a child process, as in
 * production. Inference in a jest VM context is several times slower than in a plain process and
 * would hold the test's own event loop; `npm test` builds before running the tests.
 */
type InProcessService = Exclude<ServiceName, 'ocr-engine'>;
const OCR_ENGINE_MAIN = join(__dirname, '../../services/ocr-engine/dist/main.js');

interface ServiceDefinition {
  databaseEnv?: string;
  migrations?: string;
  build(env: NodeJS.ProcessEnv): { module: DynamicModule; config: BaseConfig };
}

const root = join(__dirname, '../..');

const SERVICES: Record<InProcessService, ServiceDefinition> = {
  user: {
    databaseEnv: 'USER_DATABASE_URL',
    migrations: join(root, 'services/user/prisma/migrations'),
    build: (env) => {
      const config = loadUserConfig(env);
      return { module: UserModule.register(config), config };
    },
  },
  institution: {
    databaseEnv: 'INSTITUTION_DATABASE_URL',
    migrations: join(root, 'services/institution/prisma/migrations'),
    build: (env) => {
      const config = loadInstitutionConfig(env);
      return { module: InstitutionModule.register(config), config };
    },
  },
  'patient-queue': {
    databaseEnv: 'QUEUE_DATABASE_URL',
    migrations: join(root, 'services/patient-queue/prisma/migrations'),
    build: (env) => {
      const config = loadPatientQueueConfig(env);
      return { module: PatientQueueModule.register(config), config };
    },
  },
  ocr: {
    databaseEnv: 'OCR_DATABASE_URL',
    migrations: join(root, 'services/ocr/prisma/migrations'),
    build: (env) => {
      const config = loadOcrConfig(env);
      return { module: OcrModule.register(config), config };
    },
  },
};

export class InProcessPlatform {
  private readonly running = new Map<ServiceName, INestMicroservice>();
  private readonly children = new Map<ServiceName, ChildProcess>();
  private gateway?: INestApplication;
  url = '';

  private constructor(
    readonly env: NodeJS.ProcessEnv & { RABBITMQ_URL: string; RMQ_PREFIX: string },
    private readonly services: ServiceName[],
  ) {}

  static async start(services: ServiceName[], overrides: Record<string, string> = {}): Promise<InProcessPlatform> {
    const suffix = uniqueSuffix();
    const env = testEnv(overrides);
    for (const name of services) {
      if (name === 'ocr-engine') continue;
      const { databaseEnv, migrations } = SERVICES[name];
      if (!databaseEnv || !migrations) continue;
      env[databaseEnv] = testDatabaseUrl(name.replace('-', '_'), suffix);
      await applyMigrations(env[databaseEnv]!, migrations);
    }
    const platform = new InProcessPlatform(env, services);
    for (const name of services) await platform.startService(name);
    platform.gateway = await createGateway(loadGatewayConfig(env));
    await platform.gateway.listen(0, '127.0.0.1');
    platform.url = (await platform.gateway.getUrl()).replace('[::1]', '127.0.0.1');
    if (services.includes('ocr-engine')) await platform.waitUntilUp('ocr-engine');
    return platform;
  }

  async startService(name: ServiceName): Promise<void> {
    if (this.running.has(name) || this.children.has(name)) return;
    if (name === 'ocr-engine') {
      if (!existsSync(OCR_ENGINE_MAIN)) throw new Error(`${OCR_ENGINE_MAIN} is missing: run npm run build first`);
      const child = spawn(process.execPath, [OCR_ENGINE_MAIN], { env: { ...process.env, ...this.env }, stdio: 'ignore' });
      this.children.set(name, child);
      return;
    }
    const { module, config } = SERVICES[name].build(this.env);
    this.running.set(name, await bootstrapService({ service: name, module, config }));
  }

  async stopService(name: ServiceName): Promise<void> {
    const child = this.children.get(name);
    if (child) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      this.children.delete(name);
      return;
    }
    await this.running.get(name)?.close();
    this.running.delete(name);
  }

  /** Waits until the gateway's health check reports the service up (for one started as a child process). */
  private async waitUntilUp(name: ServiceName, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      const child = this.children.get(name);
      if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`${name} exited at start-up`);
      const health = await fetch(`${this.url}/api/health`).then(
        (response) => response.json() as Promise<{ services?: Record<string, { status: string }> }>,
        (error: Error) => ({ error: error.message, services: undefined }),
      );
      last = JSON.stringify(health);
      if (health.services?.[name]?.status === 'up') return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${name} did not report up within ${timeoutMs / 1000} s: ${last}`);
  }

  /** Another module's view of a running service (to read its database in a test). */
  service(name: ServiceName): INestMicroservice {
    const app = this.running.get(name);
    if (!app) throw new Error(`${name} is not running`);
    return app;
  }

  async close(): Promise<void> {
    await this.gateway?.close();
    for (const name of [...this.running.keys(), ...this.children.keys()]) await this.stopService(name);
    for (const name of this.services) {
      if (name === 'ocr-engine') continue;
      const { databaseEnv } = SERVICES[name];
      if (databaseEnv) await dropDatabase(this.env[databaseEnv]!);
    }
    await deleteTestTopology(this.env);
  }
}

/** A facility with the demo services, an admin, an operator and a kiosk key, seeded through the services' own RPCs. */
export interface SeededFacility {
  institutionId: string;
  services: ServiceView[];
  admin: { userId: string; role: 'ADMIN_FASKES'; institutionId: string };
  operator: { userId: string; role: 'OPERATOR'; institutionId: string };
}

export async function seedFacility(platform: InProcessPlatform, code: string, kioskKey: string): Promise<SeededFacility> {
  const rpc = new RpcClient(baseEnvSchema.parse({ ...platform.env, RPC_TIMEOUT_MS: '15000' }));
  try {
    const seeded = await rpc.call(InstitutionContracts.ensure, demoInstitutionSeed(code), { actor: SYSTEM_ACTOR });
    const institutionId = seeded.institution.id;
    const access = await rpc.call(
      UserContracts.seedInstitutionAccess,
      {
        institutionId,
        admin: { name: 'Admin Test', email: `admin-${randomUUID()}@test.local`, password: 'Admin-Test-2026!' },
        operator: { name: 'Operator Test', email: `op-${randomUUID()}@test.local`, password: 'Operator-Test-2026!' },
        kioskKey: { label: 'Test kiosk', key: kioskKey },
      },
      { actor: SYSTEM_ACTOR },
    );
    return {
      institutionId,
      services: seeded.services,
      admin: { userId: access.admin.id, role: 'ADMIN_FASKES', institutionId },
      operator: { userId: access.operator.id, role: 'OPERATOR', institutionId },
    };
  } finally {
    await rpc.onApplicationShutdown();
  }
}
