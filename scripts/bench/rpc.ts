/**
 * The cost of the RPC hop: a read (GET /api/queue/:id) and a write (POST /api/queue) through the built
 * platform (gateway -> RabbitMQ -> patient-queue -> MariaDB), side by side with the same QueueService
 * methods called in-process (the patient-queue Nest context built from its dist, behind a minimal
 * node:http server in a child process, so both sides pay HTTP and JSON, with the service's RMQ_PREFETCH as its concurrency
 * bound). autocannon drives both at each concurrency.
 *
 *   npm run build
 *   nice -n 10 npx tsx scripts/bench/rpc.ts [--duration 10] [--connections 50,200] [--patients 1000] [--out docs/benchmarks.md]
 *
 * Runs on its own databases (mediq_bench_<run>_*), queue prefix and port, and drops them afterwards.
 * The gateway's rate limits are raised for the run (RATE_LIMIT_GLOBAL); other settings pass through from the environment
 * (e.g. DOWNSTREAM_MAX_CONCURRENCY, the gateway's bulkhead). Logs go to test-artifacts/bench-rpc.log.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { argument, dist, type Pair, pool, postJson, startBenchPlatform } from './platform';

const DURATION_S = Number(argument('duration', '10'));
const CONNECTIONS = argument('connections', '50,200').split(',').map(Number);
const PATIENTS = Number(argument('patients', '1000'));
const SERVICES = 8;
const OUT = argument('out', '');

interface Row {
  path: 'gateway + RabbitMQ' | 'in-process';
  operation: 'read' | 'write';
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  note: string;
}

/** Each write takes the next (patient, service) pair, so every write issues a new ticket until the pairs run out. */
function pairFeed(pairs: Pair[]) {
  let next = 0;
  return {
    size: pairs.length,
    take: (): Pair => pairs[next++ % pairs.length],
    used: () => next,
  };
}

async function run(
  label: Row['path'],
  operation: Row['operation'],
  connections: number,
  options: autocannon.Options,
  note: () => string,
): Promise<Row> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ duration: DURATION_S, connections, timeout: 10, ...options }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] * 10) / 10 : NaN);
  const row: Row = {
    path: label,
    operation,
    connections,
    requests: result.requests.total,
    rps: result['2xx'] / (result.duration || DURATION_S),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    note: [statusBreakdown(result), note()].filter(Boolean).join('; '),
  };
  console.log(
    `${label.padEnd(18)} ${operation.padEnd(5)} c=${String(connections).padStart(3)}  ${row.rps.toFixed(0).padStart(6)} 2xx/s  p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  non-2xx ${row.non2xx}  errors ${row.errors} ${row.note}`,
  );
  return row;
}

/** The refused answers by status, e.g. "503 x 3042" (req/s counts 2xx answers only). */
function statusBreakdown(result: autocannon.Result): string {
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return Object.entries(stats)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${code} x ${count}`)
    .join(', ');
}

async function startDirectServer(env: NodeJS.ProcessEnv, actor: object): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  Object.assign(process.env, env);
  const { NestFactory } = dist('node_modules/@nestjs/core');
  const { AppModule } = dist('services/patient-queue/dist/app.module');
  const { loadPatientQueueConfig } = dist('services/patient-queue/dist/config');
  const { QueueService } = dist('services/patient-queue/dist/services/queue.service');
  const context = await NestFactory.createApplicationContext(AppModule.register(loadPatientQueueConfig(env)), { logger: ['error'] });
  await context.init();
  const queue = context.get(QueueService);
  // The same admission bound the service has behind RabbitMQ: at most RMQ_PREFETCH calls in progress at once.
  const limit = Number(env.RMQ_PREFETCH ?? 20);
  let inProgress = 0;
  const waiting: Array<() => void> = [];
  const bounded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (inProgress >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else inProgress++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else inProgress--;
    }
  };
  const body = (request: IncomingMessage) =>
    new Promise<any>((resolve, reject) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString() || '{}')));
      request.on('error', reject);
    });
  const server = createServer(async (request, response) => {
    try {
      let reply: unknown;
      let status = 200;
      if (request.method === 'GET' && request.url?.startsWith('/queue/')) {
        reply = await bounded(() => queue.findOne(actor, { id: request.url!.slice('/queue/'.length) }));
      } else if (request.method === 'POST' && request.url === '/queue') {
        const input = await body(request);
        const added: { created: boolean } = await bounded(() => queue.add(actor, { ...input, requestId: input.requestId ?? randomBytes(12).toString('hex'), source: 'KIOSK' }));
        status = added.created ? 201 : 200;
        reply = added;
      } else {
        status = 404;
        reply = { message: 'not found' };
      }
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: (error as Error).message }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, close: async () => (await new Promise((resolve) => server.close(resolve)), await context.close()) };
}

/** The in-process side runs in its own process (this script with --direct-server), so it does not share an event loop with autocannon. */
function startDirectProcess(env: NodeJS.ProcessEnv): Promise<{ url: string; close: () => Promise<void> }> {
  const child = fork(__filename, ['--direct-server'], { env, execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`direct server exited (${code})`)));
    child.once('message', (message: { url: string }) =>
      resolve({ url: message.url, close: async () => (child.kill('SIGTERM'), await exited, undefined) }),
    );
  });
}

async function directServerMain(): Promise<void> {
  const { url, close } = await startDirectServer(process.env, JSON.parse(process.env.BENCH_ACTOR!));
  process.once('SIGTERM', () => void close().then(() => process.exit(0)));
  process.send!({ url });
}

function table(rows: Row[]): string {
  const lines = [
    '| path | operation | connections | requests | 2xx req/s | p50 ms | p95 ms | p99 ms | non-2xx | errors | note |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.path} | ${r.operation} | ${r.connections} | ${r.requests} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.non2xx} | ${r.errors + r.timeouts} | ${r.note} |`,
    ),
  ];
  return lines.join('\n');
}

function ratios(rows: Row[]): string {
  const lines = ['| operation | connections | req/s in-process / via RPC | p50 via RPC / in-process | p99 via RPC / in-process |', '|---|---:|---:|---:|---:|'];
  for (const operation of ['read', 'write'] as const) {
    for (const connections of CONNECTIONS) {
      const rpc = rows.find((r) => r.path === 'gateway + RabbitMQ' && r.operation === operation && r.connections === connections);
      const direct = rows.find((r) => r.path === 'in-process' && r.operation === operation && r.connections === connections);
      if (!rpc || !direct) continue;
      lines.push(
        `| ${operation} | ${connections} | ${(direct.rps / rpc.rps).toFixed(2)}x | ${(rpc.p50 / Math.max(direct.p50, 0.5)).toFixed(2)}x | ${(rpc.p99 / Math.max(direct.p99, 0.5)).toFixed(2)}x |`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const bench = await startBenchPlatform('bench-rpc');
  const { baseUrl, institutionId } = bench;
  const kioskHeaders = { 'x-api-key': bench.kioskKey };
  let direct: { url: string; close: () => Promise<void> } | undefined;
  const rows: Row[] = [];
  try {
    const started = Date.now();
    const patients = await bench.registerPatients(PATIENTS);
    console.log(`registered ${patients.length} patients in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Every write cell gets SERVICES fresh services (no quota, empty queues: positions are counted per service, so a cell run
    // later does not pay for longer queues); consecutive writes rotate over them (each service's sequence is a locked row).
    const writeFeed = async () => {
      const services = await bench.createServices(SERVICES);
      return pairFeed(patients.flatMap((patientUserId) => services.map((serviceId) => ({ patientUserId, serviceId }))));
    };
    const readFeed = await writeFeed();

    // Tickets to read: a few hundred, issued through the gateway.
    const readable: string[] = await pool(300, 16, async () => {
      const pair = readFeed.take();
      return (await postJson(`${baseUrl}/api/queue`, kioskHeaders, { institutionId, ...pair })).ticket.id;
    });
    let readIndex = 0;
    const nextTicket = () => readable[readIndex++ % readable.length];

    // The direct side acts as the same kiosk the gateway verified for the key.
    const kioskActor = { kind: 'kiosk', institutionId, kioskKeyId: bench.kioskKeyId };
    direct = await startDirectProcess({ ...bench.env, BENCH_ACTOR: JSON.stringify(kioskActor) });

    const writeNote = (feed: ReturnType<typeof pairFeed>) => () =>
      feed.used() > feed.size ? `${feed.used() - feed.size} requests reused a (patient, service) pair: those can only return the existing ticket` : '';

    for (const connections of CONNECTIONS) {
      const gwRead = await run('gateway + RabbitMQ', 'read', connections, {
        url: baseUrl,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/queue/${nextTicket()}`, headers: kioskHeaders }) }],
      }, () => '');
      const dRead = await run('in-process', 'read', connections, {
        url: direct.url,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/queue/${nextTicket()}` }) }],
      }, () => '');
      const gatewayPairs = await writeFeed();
      const gwWrite = await run('gateway + RabbitMQ', 'write', connections, {
        url: baseUrl,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              path: '/api/queue',
              headers: { ...kioskHeaders, 'content-type': 'application/json' },
              body: JSON.stringify({ institutionId, ...gatewayPairs.take(), requestId: `bench-${randomBytes(10).toString('hex')}` }),
            }),
          },
        ],
      }, writeNote(gatewayPairs));
      const directPairs = await writeFeed();
      const dWrite = await run('in-process', 'write', connections, {
        url: direct.url,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              path: '/queue',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ institutionId, ...directPairs.take(), requestId: `bench-${randomBytes(10).toString('hex')}` }),
            }),
          },
        ],
      }, writeNote(directPairs));
      rows.push(gwRead, dRead, gwWrite, dWrite);
    }
  } finally {
    if (direct) await direct.close();
    await bench.stop();
  }

  const report = `### Requests through the gateway and RabbitMQ vs in-process (${DURATION_S} s per cell)\n\n${table(rows)}\n\n### Cost of the RPC hop\n\n${ratios(rows)}\n`;
  console.log(`\n${report}`);
  if (OUT) {
    writeFileSync(OUT, report);
    console.log(`written to ${OUT}`);
  }
}

if (process.argv.includes('--direct-server')) {
  directServerMain().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
