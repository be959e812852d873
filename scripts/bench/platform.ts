/**
 * The built platform (gateway and services under the supervisor, as `npm start` runs them) on its own
 * databases (mediq_bench_<run>_*), queue prefix and port, seeded with the demo institution; used by the
 * benchmarks and the fault scripts. `stop()` drops the databases and the queue topology again.
 */
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports */
const { ROOT, APPS, databaseUrl } = require('../lib/apps');
const { migrateAll } = require('../lib/migrations');
const { Platform } = require('../lib/supervisor');
const { seedDemo } = require('../lib/seed');
/* eslint-enable @typescript-eslint/no-require-imports */

export const dist = (relative: string) => require(path.join(ROOT, relative)); // eslint-disable-line @typescript-eslint/no-require-imports

/** The process environment the platform gives the OCR engine (`processEnv` of scripts/lib/apps.js). */
export const OCR_ENGINE_PROCESS_ENV: Record<string, string> = APPS.find((app: { name: string }) => app.name === 'ocr-engine').processEnv ?? {};

export function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export interface Pair {
  patientUserId: string;
  serviceId: string;
}

export interface BenchPlatform {
  platform: {
    start(name: string): void;
    stop(name: string, signal?: string): Promise<void>;
    waitForHealthy(url: string, ms: number): Promise<unknown>;
    unexpectedExits: string[];
  };
  env: NodeJS.ProcessEnv;
  baseUrl: string;
  institutionId: string;
  kioskKey: string;
  kioskKeyId: string;
  /** Services without a daily quota, open all day. */
  createServices(count: number): Promise<string[]>;
  /** Patients registered through POST /api/users with the kiosk key. */
  registerPatients(count: number, from?: number): Promise<string[]>;
  /** Each stateful app's database URL (for checking invariants), by app name. */
  databaseUrls: Record<StatefulApp, string>;
  /** Apps whose process has exited without being stopped (a crash, not a deliberate kill). */
  exitedApps(): string[];
  stop(): Promise<void>;
}

export type StatefulApp = 'user' | 'institution' | 'patient-queue' | 'ocr';

/** Where the platform's infrastructure lives when not on the machine's shared servers (the fault scripts' own). */
export interface BenchServers {
  /** amqp:// URL of the broker. */
  rabbitMqUrl?: string;
  /** mysql://user@host:port under which the platform's databases are created. */
  databaseServer?: string;
}

/** Runs one query against one app's database (to check what the services stored). */
export async function queryDatabase<T>(bench: Pick<BenchPlatform, 'databaseUrls'>, app: StatefulApp, sql: string, params: unknown[] = []): Promise<T[]> {
  const { parseDatabaseUrl } = dist('packages/common/dist/prisma');
  const { connection: options, database } = parseDatabaseUrl(bench.databaseUrls[app]);
  const connection = await dist('node_modules/mariadb').createConnection({ ...options, database });
  try {
    return await connection.query(sql, params);
  } finally {
    await connection.end();
  }
}

/** 16 digits that pass the NIK checks: West Java, a valid birth date, a serial. */
export function syntheticNik(i: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
  const serial = String(Math.floor(i / 336) + 1).padStart(4, '0');
  return `320101${day}${month}90${serial}`;
}

export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export interface KtpPhoto {
  name: string;
  image: Buffer;
  /** What the card really says (its label file). */
  fields: Record<string, string>;
}

/** The KTP photos of the engine's test fixtures with their true fields (foreign cards are left out: the kiosk refuses them by design). */
export function ktpPhotos(): KtpPhoto[] {
  const dir = path.join(ROOT, 'services/ocr-engine/test/fixtures/cards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')))
    .filter((label) => label.cardType === 'KTP' && !label.foreign)
    .map((label) => ({ name: label.image, image: readFileSync(path.join(dir, label.image)), fields: label.fields }));
}

export async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** POSTs JSON; a request with an Idempotency-Key is retried on a 5xx (a loaded machine times out), which replays rather than repeats it. */
export async function postJson(url: string, headers: Record<string, string>, body: unknown): Promise<any> {
  const retries = headers['idempotency-key'] ? 4 : 0;
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await response.text();
    if (response.ok) return JSON.parse(text);
    if (response.status < 500 || attempt >= retries) throw new Error(`POST ${url} -> ${response.status} ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
  }
}

/** `count` operators with accounts of their own (an operator holds one active ticket), created by the seeded admin; their access tokens. */
export async function signInOperators(bench: BenchPlatform, count: number): Promise<string[]> {
  const admin = await postJson(`${bench.baseUrl}/api/auth/login/admin`, {}, { email: bench.env.SEED_ADMIN_EMAIL ?? 'admin@pkm-demo.mediq.local', password: bench.env.SEED_ADMIN_PASSWORD ?? 'Admin-Demo-2026!' });
  const tokens: string[] = [];
  for (let k = 0; k < count; k++) {
    const email = `bench-operator-${k}-${randomBytes(3).toString('hex')}@bench.mediq.local`;
    const password = `Loket-${randomBytes(9).toString('base64url')}-${k}`;
    await postJson(`${bench.baseUrl}/api/users/staff`, { authorization: `Bearer ${admin.accessToken}` }, { role: 'OPERATOR', name: `Operator Bench ${k + 1}`, email, password });
    tokens.push((await postJson(`${bench.baseUrl}/api/auth/login/admin`, {}, { email, password })).accessToken);
  }
  return tokens;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startBenchPlatform(logName: string, extraEnv: NodeJS.ProcessEnv = {}, servers: BenchServers = {}): Promise<BenchPlatform> {
  const runId = randomBytes(3).toString('hex');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    RMQ_PREFIX: `bench${runId}.`,
    GATEWAY_PORT: String(port),
    GATEWAY_HOST: '127.0.0.1',
    RATE_LIMIT_GLOBAL: '100000000',
    ...(servers.rabbitMqUrl ? { RABBITMQ_URL: servers.rabbitMqUrl } : {}),
    ...extraEnv,
  };
  const databaseServer = servers.databaseServer ?? 'mysql://root@127.0.0.1:3306';
  for (const app of APPS) if (app.databaseEnv) env[app.databaseEnv] = `${databaseServer}/mediq_bench_${runId}_${app.database.replace('mediq_', '')}`;
  const fullEnv = { ...process.env, ...env };
  await migrateAll({ env, log: () => undefined });
  mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
  const output = createWriteStream(path.join(ROOT, `test-artifacts/${logName}.log`));
  const platform = new Platform({ env, output, restartOnCrash: false, colour: false });
  const { RpcClient, SYSTEM_ACTOR, baseEnvSchema } = dist('packages/common/dist');
  const { InstitutionContracts } = dist('packages/contracts/dist');
  const rpc = new RpcClient(baseEnvSchema.parse({ ...fullEnv, RPC_TIMEOUT_MS: '15000' }));

  const stop = async () => {
    await rpc.onApplicationShutdown();
    await platform.stopAll();
    output.end();
    const { dropDatabase } = dist('packages/common/dist/prisma');
    const { deleteTestTopology } = dist('packages/common/dist/testing');
    for (const app of APPS) if (app.databaseEnv) await dropDatabase(databaseUrl(app, env));
    await deleteTestTopology({ RABBITMQ_URL: fullEnv.RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672', RMQ_PREFIX: env.RMQ_PREFIX });
  };

  try {
    platform.startAll();
    const baseUrl = `http://127.0.0.1:${port}`;
    await platform.waitForHealthy(`${baseUrl}/api/health`, 120_000);
    const seed = await seedDemo({ env: fullEnv });
    const institutionId: string = seed.institution.id;
    const kioskKey: string = seed.summary.find((line: string) => line.startsWith('kiosk key')).split(/\s+/)[2];
    const allDay = seed.services[0].openingHours;
    let serviceCount = 0;
    return {
      platform,
      env: fullEnv,
      baseUrl,
      institutionId,
      kioskKey,
      kioskKeyId: seed.access.kioskKey.id,
      databaseUrls: Object.fromEntries(
        APPS.filter((app: { databaseEnv?: string }) => app.databaseEnv).map((app: { name: string }) => [app.name, databaseUrl(app, env)]),
      ) as Record<StatefulApp, string>,
      exitedApps: () => [...platform.unexpectedExits],
      async createServices(count) {
        const ids: string[] = [];
        for (let i = 0; i < count; i++, serviceCount++) {
          const code = `${String.fromCharCode(65 + Math.floor(serviceCount / 26))}${String.fromCharCode(65 + (serviceCount % 26))}Z`;
          const created = await rpc.call(
            InstitutionContracts.createService,
            { institutionId, code, name: `Bench ${serviceCount + 1}`, dailyQuota: null, openingHours: allDay, averageServiceMinutes: 10 },
            { actor: SYSTEM_ACTOR },
          );
          ids.push(created.id);
        }
        return ids;
      },
      registerPatients(count, from = 0) {
        return pool(count, 16, async (i) => {
          const reply = await postJson(`${baseUrl}/api/users`, { 'x-api-key': kioskKey }, { nik: syntheticNik(from + i), name: `Pasien Bench ${from + i}` });
          return reply.user.id as string;
        });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
