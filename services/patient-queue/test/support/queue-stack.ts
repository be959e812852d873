import { INestApplication, INestMicroservice } from '@nestjs/common';
import { applyMigrations, bootstrapService, dropDatabase, RpcClient, SYSTEM_ACTOR } from '@mediq/common';
import { deleteTestTopology, testBaseConfig, testDatabaseUrl, testEnv, uniqueSuffix } from '@mediq/common/testing';
import { Actor, InstitutionContracts, queueEventsExchange, ServiceView, WEEKDAYS } from '@mediq/contracts';
import { connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createGateway } from '../../../../gateway/src/bootstrap';
import { loadGatewayConfig } from '../../../../gateway/src/config';
import { AppModule as InstitutionModule } from '../../../institution/src/app.module';
import { loadInstitutionConfig } from '../../../institution/src/config';
import { AppModule as QueueModule } from '../../src/app.module';
import { loadPatientQueueConfig } from '../../src/config';
import { PrismaService } from '../../src/database/prisma.service';

const ALWAYS_OPEN = Object.fromEntries(WEEKDAYS.map((day) => [day, [{ open: '00:00', close: '24:00' }]]));

/**
 * The real institution and patient-queue services (and optionally the gateway) in-process, over
 * the real RabbitMQ, MariaDB and Redis, with databases and a queue prefix of their own.
 */
export class QueueStack {
  readonly env: ReturnType<typeof testEnv>;
  readonly queueDatabaseUrl = testDatabaseUrl('queue');
  readonly institutionDatabaseUrl = testDatabaseUrl('queue_institution');
  readonly rpc: RpcClient;
  institution!: INestMicroservice;
  queue!: INestMicroservice;
  gateway?: INestApplication;
  gatewayUrl = '';

  /** `env` overrides the test environment (e.g. a Redis database of the test's own). */
  constructor(env: Record<string, string> = {}) {
    this.env = testEnv(env);
    this.rpc = new RpcClient(testBaseConfig(this.env));
  }

  async start(options: { gateway?: boolean } = {}): Promise<this> {
    await Promise.all([
      applyMigrations(this.queueDatabaseUrl, join(__dirname, '../../prisma/migrations')),
      applyMigrations(this.institutionDatabaseUrl, join(__dirname, '../../../institution/prisma/migrations')),
    ]);
    const institutionConfig = loadInstitutionConfig({ ...this.env, INSTITUTION_DATABASE_URL: this.institutionDatabaseUrl });
    this.institution = await bootstrapService({ service: 'institution', module: InstitutionModule.register(institutionConfig), config: institutionConfig });
    const queueConfig = loadPatientQueueConfig({ ...this.env, QUEUE_DATABASE_URL: this.queueDatabaseUrl, QUEUE_OUTBOX_POLL_MS: '200' });
    this.queue = await bootstrapService({ service: 'patient-queue', module: QueueModule.register(queueConfig), config: queueConfig });
    if (options.gateway) {
      this.gateway = await createGateway(loadGatewayConfig({ ...this.env, RPC_TIMEOUT_MS: '10000', BREAKER_VOLUME_THRESHOLD: '1000' }));
      await this.gateway.listen(0, '127.0.0.1');
      this.gatewayUrl = await this.gateway.getUrl();
    }
    return this;
  }

  async stop(): Promise<void> {
    await this.gateway?.close();
    await this.queue?.close();
    await this.institution?.close();
    await this.rpc.onApplicationShutdown();
    await Promise.all([dropDatabase(this.queueDatabaseUrl), dropDatabase(this.institutionDatabaseUrl)]);
    await deleteTestTopology(this.env);
    const connection = await connect(this.env.RABBITMQ_URL);
    const channel = await connection.createChannel();
    // Declared first so deleting never fails when no event was ever published.
    await channel.assertExchange(queueEventsExchange(this.env.RMQ_PREFIX), 'topic', { durable: true });
    await channel.deleteExchange(queueEventsExchange(this.env.RMQ_PREFIX));
    await connection.close();
  }

  /** The queue service's own Prisma client, to read the raw tables as a recount would. */
  get prisma(): PrismaService {
    return this.queue.get(PrismaService);
  }

  /** A fresh institution (in `timezone`) with services open around the clock unless told otherwise. */
  async createInstitution(
    services: Array<
      { code: string; openingHours?: ServiceView['openingHours'] } & Partial<
        Pick<ServiceView, 'dailyQuota' | 'averageServiceMinutes' | 'minServiceMinutes' | 'priorityLaneCalls' | 'generalLaneCalls'>
      >
    >,
    timezone = 'Asia/Jakarta',
  ): Promise<{ institutionId: string; services: ServiceView[] }> {
    const code = `PKM-${uniqueSuffix().toUpperCase()}`;
    const institution = await this.rpc.call(
      InstitutionContracts.create,
      { code, name: `Puskesmas ${code}`, type: 'PUSKESMAS', timezone },
      { actor: SYSTEM_ACTOR },
    );
    const created: ServiceView[] = [];
    for (const service of services) {
      created.push(
        await this.rpc.call(
          InstitutionContracts.createService,
          {
            institutionId: institution.id,
            code: service.code,
            name: `Poli ${service.code}`,
            dailyQuota: service.dailyQuota ?? null,
            averageServiceMinutes: service.averageServiceMinutes ?? 10,
            openingHours: service.openingHours ?? ALWAYS_OPEN,
            ...(service.minServiceMinutes ? { minServiceMinutes: service.minServiceMinutes } : {}),
            priorityLaneCalls: service.priorityLaneCalls ?? null,
            generalLaneCalls: service.generalLaneCalls ?? null,
          },
          { actor: SYSTEM_ACTOR },
        ),
      );
    }
    return { institutionId: institution.id, services: created };
  }
}

export function operatorOf(institutionId: string, userId: string = randomUUID()): Actor {
  return { kind: 'user', userId, role: 'OPERATOR', institutionId };
}

export function patient(userId: string = randomUUID()): Actor {
  return { kind: 'user', userId, role: 'PASIEN' };
}

export function kioskOf(institutionId: string): Actor {
  return { kind: 'kiosk', kioskKeyId: `kiosk-${uniqueSuffix()}`, institutionId };
}

/** Polls `condition` until it holds (events arrive asynchronously); fails after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
