/**
 * Performance of the ticket read and write (issue #21), all in one run so the figures sit side by side:
 *
 * - **floor**: a bare amqplib request/reply over direct reply-to (noDelay), the cost of one RabbitMQ hop;
 * - **gateway**: `GET /api/queue/:id` and `POST /api/queue` through the built platform
 *   (gateway -> RabbitMQ -> patient-queue -> MariaDB), at 1 and at 50 requests in flight;
 * - **in-process**: the same `QueueService.findOne` / `QueueService.add` from services/patient-queue/dist,
 *   in a Nest application context behind a bare node:http server in its own process (no gateway, no
 *   RabbitMQ hop), bounded to RMQ_PREFETCH calls in progress like the service behind RabbitMQ;
 * - **call-next**: 10 operators (own accounts) calling, starting and completing tickets of 2 services at
 *   once; every call's latency, and a check that no ticket was called twice;
 * - **CPU ms per request** of every process a request crosses (gateway, services, MariaDB, RabbitMQ,
 *   Redis, the load generator), from /proc, for every cell.
 *
 *   npm run build
 *   nice -n 10 npx tsx scripts/bench/rpc.ts [--mode npm-start|production|both] [--duration 10] [--patients 500]
 *                                             [--profile] [--node-options "<V8 flags>"] [--out docs/benchmarks-rpc.md]
 *
 * --mode npm-start runs the platform as `npm start` does (pretty logs at info through the supervisor);
 * production as the k8s manifests do (NODE_ENV=production, LOG_LEVEL=info, JSON logs, secrets of its own).
 * --profile [read|read-1|write|call] records a V8 CPU profile of every platform process during the read at 50
 * in flight (at 1, the write, or call-next) and prints its top frames (profiles in test-artifacts/profiles/).
 * --node-options passes flags to every platform process (NODE_OPTIONS), to measure a V8 setting against a run without it.
 * Runs on its own databases (mediq_bench_<run>_*), queue prefix and port, and drops them afterwards.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startAmqpFloor } from './lib/amqp-floor';
import { profileTable, summariseProfile } from './lib/cpu-profile';
import { CpuMeter, findPid } from './lib/process-cpu';
import { argument, dist, type Pair, pool, postJson, queryDatabase, quantile, signInOperators, startBenchPlatform, type BenchPlatform } from './platform';

const DURATION_S = Number(argument('duration', '10'));
const PATIENTS = Number(argument('patients', '500'));
const MODES = argument('mode', 'both') === 'both' ? (['npm-start', 'production'] as const) : ([argument('mode', 'npm-start')] as Array<'npm-start' | 'production'>);
/** The cell whose CPU is profiled: the read at 50 in flight (`--profile`, `--profile read`), at 1 (`read-1`), the write through the gateway (`write`) or call-next (`call`). */
const PROFILE_CELLS = ['read', 'read-1', 'write', 'call'] as const;
const PROFILE: (typeof PROFILE_CELLS)[number] | undefined = process.argv.includes('--profile')
  ? (PROFILE_CELLS.find((cell) => cell === argument('profile', 'read')) ?? 'read')
  : undefined;
const OUT = argument('out', '');
const SERVICES = 8;
const OPERATORS = 10;
const IN_FLIGHT = 50;
const ROOT = path.resolve(__dirname, '../..');
const PROFILE_DIR = path.join(ROOT, 'test-artifacts/profiles');

type Mode = 'npm-start' | 'production';

interface Row {
  mode: Mode;
  path: 'floor (bare amqplib)' | 'gateway + RabbitMQ' | 'in-process' | 'call-next, 10 operators';
  operation: 'echo' | 'read' | 'write' | 'call';
  inFlight: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  refused: string;
  /** CPU ms per request, by process. */
  cpu: Record<string, number>;
  note: string;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function print(row: Row): Row {
  const cpu = Object.entries(row.cpu)
    .filter(([, ms]) => ms >= 0.005)
    .map(([name, ms]) => `${name} ${ms.toFixed(3)}`)
    .join(', ');
  console.log(
    `[${row.mode}] ${row.path.padEnd(24)} ${row.operation.padEnd(5)} in flight ${String(row.inFlight).padStart(2)}  ${row.rps.toFixed(0).padStart(6)}/s  p50 ${row.p50} ms  p99 ${row.p99} ms  ${row.refused}\n    CPU ms/request: ${cpu}${row.note ? `\n    ${row.note}` : ''}`,
  );
  return row;
}

function perRequest(cpu: Record<string, number>, requests: number): Record<string, number> {
  return Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, requests ? ms / requests : NaN]));
}

/** The refused answers by status, e.g. "503 x 3042" (req/s counts 2xx answers only). */
function statusBreakdown(result: autocannon.Result): string {
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return Object.entries(stats)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${code} x ${count}`)
    .join(', ');
}

/** Each write takes the next (patient, service) pair, so every write issues a new ticket until the pairs run out. */
function pairFeed(pairs: Pair[]) {
  let next = 0;
  return { size: pairs.length, take: (): Pair => pairs[next++ % pairs.length], used: () => next };
}

async function http(meter: CpuMeter, base: Omit<Row, 'requests' | 'rps' | 'p50' | 'p99' | 'refused' | 'cpu' | 'note'>, options: autocannon.Options, note: () => string = () => ''): Promise<Row> {
  const latencies: number[] = [];
  const { result, cpuMs } = await meter.measure(
    () =>
      new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({ duration: DURATION_S, connections: base.inFlight, timeout: 10, ...options }, (error, done) => (error ? reject(error) : resolve(done)));
        instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
      }),
  );
  return print({
    ...base,
    requests: result.requests.total,
    rps: result['2xx'] / (result.duration || DURATION_S),
    p50: round(quantile(latencies, 0.5)),
    p99: round(quantile(latencies, 0.99)),
    refused: statusBreakdown(result),
    cpu: perRequest(cpuMs, result.requests.total),
    note: note(),
  });
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
function startDirectProcess(env: NodeJS.ProcessEnv): Promise<{ url: string; pid: number; close: () => Promise<void> }> {
  const child = fork(__filename, ['--direct-server'], { env, execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`direct server exited (${code})`)));
    child.once('message', (message: { url: string }) =>
      resolve({ url: message.url, pid: child.pid!, close: async () => (child.kill('SIGTERM'), await exited, undefined) }),
    );
  });
}

async function directServerMain(): Promise<void> {
  const { url, close } = await startDirectServer(process.env, JSON.parse(process.env.BENCH_ACTOR!));
  process.once('SIGTERM', () => void close().then(() => process.exit(0)));
  process.send!({ url });
}

/**
 * Ten operators at once, each in a loop: call next (its own x-request-id), start, complete. Operators 0-4 serve one
 * service and 5-9 the other, so five compete for the head of each queue. Latency is the call's; the
 * check is that no ticket was answered to two calls, nor called twice in the database.
 */
async function callNextCell(mode: Mode, bench: BenchPlatform, meter: CpuMeter, tokens: string[], services: string[]): Promise<Row> {
  const latencies: number[] = [];
  const called: string[] = [];
  let refused = 0;
  let requests = 0;
  const ends = Date.now() + DURATION_S * 1000;
  const send = async (url: string, method: string, token: string, body: unknown, extra: Record<string, string> = {}) => {
    requests++;
    const response = await fetch(`${bench.baseUrl}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });
    return { status: response.status, body: response.status === 200 ? await response.json() : await response.text() };
  };
  const { cpuMs } = await meter.measure(() =>
    Promise.all(
      tokens.map(async (token, k) => {
        const serviceId = services[k < tokens.length / 2 ? 0 : 1];
        for (let n = 0; Date.now() < ends; n++) {
          const sent = performance.now();
          const call = await send(`/api/queue/institution/${bench.institutionId}/next`, 'POST', token, { serviceId, counter: `Loket ${k + 1}` }, { 'x-request-id': `bench-call-${k}-${n}-${randomBytes(4).toString('hex')}` });
          latencies.push(performance.now() - sent);
          if (call.status !== 200) {
            refused++;
            continue;
          }
          const ticketId: string = (call.body as { ticket: { id: string } }).ticket.id;
          called.push(ticketId);
          for (const status of ['IN_PROGRESS', 'COMPLETED']) await send(`/api/queue/${ticketId}/status`, 'PATCH', token, { status });
        }
      }),
    ),
  );
  const calledTwiceInAnswers = called.length - new Set(called).size;
  const [{ twice }] = await queryDatabase<{ twice: number | bigint }>(
    bench,
    'patient-queue',
    "SELECT COUNT(*) AS twice FROM (SELECT ticketId FROM ticket_transitions WHERE toStatus = 'CALLED' GROUP BY ticketId HAVING COUNT(*) > 1) t",
  );
  return print({
    mode,
    path: 'call-next, 10 operators',
    operation: 'call',
    inFlight: tokens.length,
    requests: latencies.length,
    rps: called.length / DURATION_S,
    p50: round(quantile(latencies, 0.5)),
    p99: round(quantile(latencies, 0.99)),
    refused: refused ? `${refused} calls refused or empty` : '',
    cpu: perRequest(cpuMs, requests),
    note: `${called.length} tickets called (start and complete in between, CPU per HTTP request); called twice: ${calledTwiceInAnswers} in the answers, ${Number(twice)} in the database`,
  });
}

/** The platform's settings for a mode: as `npm start` runs it, or as the k8s manifests do. */
function modeEnv(mode: Mode): NodeJS.ProcessEnv {
  if (mode === 'npm-start') return { NODE_ENV: 'development', LOG_LEVEL: 'info', LOG_PRETTY: 'true' };
  const { DEVELOPMENT_SECRETS } = dist('packages/common/dist');
  const secrets = Object.fromEntries(Object.keys(DEVELOPMENT_SECRETS).map((name) => [name, randomBytes(32).toString('base64')]));
  return { NODE_ENV: 'production', LOG_LEVEL: 'info', LOG_PRETTY: 'false', ...secrets };
}

function profileEnv(): NodeJS.ProcessEnv {
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  return { CPU_PROFILE_DIR: PROFILE_DIR };
}

/** NODE_OPTIONS of the platform's processes: the profiler's preload and `--node-options`. */
function nodeOptionsEnv(): NodeJS.ProcessEnv {
  const options = [PROFILE ? `-r ${path.join(__dirname, 'lib/cpu-profile-preload.js')}` : '', argument('node-options', '')].filter(Boolean).join(' ');
  return options ? { NODE_OPTIONS: options } : {};
}

async function runMode(mode: Mode): Promise<{ rows: Row[]; profiles: string }> {
  const bench = await startBenchPlatform(`bench-rpc-${mode}`, { ...modeEnv(mode), ...(PROFILE ? profileEnv() : {}), ...nodeOptionsEnv(), RATE_LIMIT_LOGIN: '1000' });
  const children = (bench.platform as unknown as { children: Map<string, { child: { pid: number } }> }).children;
  const platformPids = () => Object.fromEntries([...children].map(([name, entry]) => [name, entry.child.pid]));
  const infrastructure = { mariadb: findPid('mariadbd|mysqld'), rabbitmq: findPid('beam.smp'), redis: findPid('redis-server') };
  const rows: Row[] = [];
  let direct: { url: string; pid: number; close: () => Promise<void> } | undefined;
  const floor = await startAmqpFloor(bench.env.RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672', `${bench.env.RMQ_PREFIX}floor`);
  const meter = new CpuMeter(() => ({ ...platformPids(), ...infrastructure, 'floor replier': floor.replierPid, 'in-process server': direct?.pid, 'load generator': process.pid }));
  const kioskHeaders = { 'x-api-key': bench.kioskKey };
  const { institutionId, baseUrl } = bench;
  const toggleProfiler = () => Object.values(platformPids()).forEach((pid) => process.kill(pid, 'SIGWINCH'));
  let profiles = '';
  try {
    for (const inFlight of [1, IN_FLIGHT]) {
      const { result, cpuMs } = await meter.measure(() => floor.run(inFlight, DURATION_S));
      rows.push(
        print({ mode, path: 'floor (bare amqplib)', operation: 'echo', inFlight, requests: result.requests, rps: result.requests / result.seconds, p50: round(quantile(result.latenciesMs, 0.5), 3), p99: round(quantile(result.latenciesMs, 0.99), 3), refused: '', cpu: perRequest(cpuMs, result.requests), note: '' }),
      );
    }

    const patients = await bench.registerPatients(PATIENTS);
    const writeFeed = async () => {
      const services = await bench.createServices(SERVICES);
      return pairFeed(patients.flatMap((patientUserId) => services.map((serviceId) => ({ patientUserId, serviceId }))));
    };
    const readFeed = await writeFeed();
    const readable: string[] = await pool(300, 16, async () => (await postJson(`${baseUrl}/api/queue`, { ...kioskHeaders, 'idempotency-key': randomBytes(12).toString('hex') }, { institutionId, ...readFeed.take() })).ticket.id);
    let readIndex = 0;
    const nextTicket = () => readable[readIndex++ % readable.length];
    const kioskActor = { kind: 'kiosk', institutionId, kioskKeyId: bench.kioskKeyId };
    const started = await startDirectProcess({ ...bench.env, NODE_OPTIONS: '', BENCH_ACTOR: JSON.stringify(kioskActor) });
    direct = started;

    for (const inFlight of [1, IN_FLIGHT]) {
      const profiled = (PROFILE === 'read' && inFlight === IN_FLIGHT) || (PROFILE === 'read-1' && inFlight === 1);
      if (profiled) toggleProfiler();
      rows.push(await http(meter, { mode, path: 'gateway + RabbitMQ', operation: 'read', inFlight }, { url: baseUrl, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/queue/${nextTicket()}`, headers: kioskHeaders }) }] }));
      if (profiled) toggleProfiler();
    }
    rows.push(await http(meter, { mode, path: 'in-process', operation: 'read', inFlight: IN_FLIGHT }, { url: started.url, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/queue/${nextTicket()}` }) }] }));

    const reused = (feed: ReturnType<typeof pairFeed>) => () => (feed.used() > feed.size ? `${feed.used() - feed.size} requests reused a (patient, service) pair: those return the existing ticket` : '');
    const writeBody = (feed: ReturnType<typeof pairFeed>) => JSON.stringify({ institutionId, ...feed.take(), requestId: `bench-${randomBytes(10).toString('hex')}` });
    const gatewayPairs = await writeFeed();
    if (PROFILE === 'write') toggleProfiler();
    rows.push(
      await http(meter, { mode, path: 'gateway + RabbitMQ', operation: 'write', inFlight: IN_FLIGHT }, { url: baseUrl, requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: '/api/queue', headers: { ...kioskHeaders, 'content-type': 'application/json' }, body: writeBody(gatewayPairs) }) }] }, reused(gatewayPairs)),
    );
    if (PROFILE === 'write') toggleProfiler();
    const directPairs = await writeFeed();
    rows.push(
      await http(meter, { mode, path: 'in-process', operation: 'write', inFlight: IN_FLIGHT }, { url: started.url, requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: '/queue', headers: { 'content-type': 'application/json' }, body: writeBody(directPairs) }) }] }, reused(directPairs)),
    );

    // Call-next: two services, each with a ticket for every patient.
    const callServices = await bench.createServices(2);
    await pool(patients.length * 2, 16, (i) => postJson(`${baseUrl}/api/queue`, kioskHeaders, { institutionId, patientUserId: patients[i >> 1], serviceId: callServices[i % 2] }));
    const tokens = await signInOperators(bench, OPERATORS);
    if (PROFILE === 'call') toggleProfiler();
    rows.push(await callNextCell(mode, bench, meter, tokens, callServices));
    if (PROFILE === 'call') toggleProfiler();

    if (PROFILE) {
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // the profiles are written asynchronously
      profiles = readdirSync(PROFILE_DIR)
        .filter((file) => /^(gateway|patient-queue|institution)-/.test(file))
        .map((file) => {
          const summary = summariseProfile(JSON.parse(readFileSync(path.join(PROFILE_DIR, file), 'utf8')), 12);
          return `#### ${mode}: ${file.replace(/-\d+\.cpuprofile$/, '')} (${summary.totalMs.toFixed(0)} ms on CPU during ${{ read: 'the read at 50 in flight', 'read-1': 'the read at 1 in flight', write: 'the write', call: 'call-next' }[PROFILE]})\n\n${profileTable('area', summary.areas)}\n\n${profileTable('function (self time)', summary.functions)}\n`;
        })
        .join('\n');
      console.log(`\n${profiles}`);
    }
  } finally {
    if (direct) await direct.close();
    await floor.close();
    await bench.stop();
  }
  return { rows, profiles };
}

const PROCESS_COLUMNS = ['gateway', 'patient-queue', 'institution', 'user', 'mariadb', 'rabbitmq', 'redis', 'floor replier', 'in-process server', 'load generator'];

function table(rows: Row[]): string {
  const lines = [
    `| mode | path | operation | in flight | requests | 2xx/s | p50 ms | p99 ms | ${PROCESS_COLUMNS.join(' | ')} | refused / note |`,
    `|---|---|---|---:|---:|---:|---:|---:|${PROCESS_COLUMNS.map(() => '---:').join('|')}|---|`,
    ...rows.map((r) => {
      const cpu = PROCESS_COLUMNS.map((name) => (r.cpu[name] === undefined || !(r.cpu[name] >= 0.0005) ? '' : r.cpu[name].toFixed(3)));
      return `| ${r.mode} | ${r.path} | ${r.operation} | ${r.inFlight} | ${r.requests} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${cpu.join(' | ')} | ${[r.refused, r.note].filter(Boolean).join('; ')} |`;
    }),
  ];
  return lines.join('\n');
}

function ratios(rows: Row[]): string {
  const lines = ['| mode | read p50 at 1 in flight / floor p50 | read 2xx/s at 50 / floor | read CPU ms per request, all processes | write 2xx/s at 50 |', '|---|---:|---:|---:|---:|'];
  for (const mode of MODES) {
    const find = (path: Row['path'], operation: Row['operation'], inFlight: number) => rows.find((r) => r.mode === mode && r.path === path && r.operation === operation && r.inFlight === inFlight);
    const floor1 = find('floor (bare amqplib)', 'echo', 1);
    const floor50 = find('floor (bare amqplib)', 'echo', IN_FLIGHT);
    const read1 = find('gateway + RabbitMQ', 'read', 1);
    const read50 = find('gateway + RabbitMQ', 'read', IN_FLIGHT);
    const write50 = find('gateway + RabbitMQ', 'write', IN_FLIGHT);
    if (!floor1 || !floor50 || !read1 || !read50 || !write50) continue;
    const total = Object.entries(read50.cpu).filter(([name]) => !['floor replier', 'in-process server'].includes(name)).reduce((sum, [, ms]) => sum + (ms || 0), 0);
    lines.push(`| ${mode} | ${(read1.p50 / floor1.p50).toFixed(1)}x | ${(read50.rps / floor50.rps * 100).toFixed(1)} % | ${total.toFixed(2)} | ${write50.rps.toFixed(0)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const profiles: string[] = [];
  for (const mode of MODES) {
    const result = await runMode(mode);
    rows.push(...result.rows);
    if (result.profiles) profiles.push(result.profiles);
  }
  const report = [
    `### Ticket read and write against the floor (${DURATION_S} s per cell; CPU columns: ms of CPU per request)`,
    table(rows),
    '### Summary',
    ratios(rows),
    ...(profiles.length ? ['### Profiles', ...profiles] : []),
  ].join('\n\n');
  console.log(`\n${report}`);
  if (OUT) {
    mkdirSync(path.dirname(path.resolve(OUT)), { recursive: true });
    writeFileSync(OUT, `${report}\n`);
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
