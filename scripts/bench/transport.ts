/**
 * What NestJS's RabbitMQ transport costs per request on each side, against bare amqplib, in one run:
 *
 *   requester (this process)        replier (a process of its own)
 *   - bare amqplib                  - bare amqplib (the floor of rpc.ts)
 *   - RpcClient (Nest ClientRMQ)    - a MediQ service (bootstrapService: ServiceRmqServer + one echo handler)
 *
 * Every pair of the two runs at 1 and at 50 in flight; CPU ms per request is printed for the requester
 * and the replier (and RabbitMQ), so each side's overhead reads as the difference to the bare one.
 * This is the measurement behind "a thin amqplib client and server instead of Nest's" (docs/benchmarks.md).
 *
 *   nice -n 10 npx tsx scripts/bench/transport.ts [--duration 10] [--out docs/benchmarks-transport.md]
 * Needs the build (`npx turbo run build`) and RabbitMQ.
 */
import { Controller, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { connect, type Channel, type ConsumeMessage } from 'amqplib';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { runInFlight } from './lib/amqp-floor';
import { CpuMeter, findPid } from './lib/process-cpu';
import { argument, dist, quantile } from './platform';

type Common = typeof import('../../packages/common/src');
const common = (): Common => dist('packages/common/dist');

const URL = process.env.RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672';
const PREFIX = `bench-transport-${randomBytes(3).toString('hex')}-`;
const SERVICE = 'ocr-engine' as const;
const PATTERN = 'bench.echo';
const REPLY_TO = 'amq.rabbitmq.reply-to';
const DURATION_S = Number(argument('duration', '10'));
const IN_FLIGHT = [1, 50];
/** About the size of a ticket read's request. */
const DATA = { id: randomBytes(18).toString('hex') };

type Side = 'bare amqplib' | 'Nest (MediQ)';

/** The replier's queue: each kind listens under a prefix of its own. */
const queueOf = (replier: Side) => common().requestQueue(SERVICE, `${PREFIX}${replier === 'bare amqplib' ? 'bare' : 'nest'}-`);
const prefixOf = (replier: Side) => `${PREFIX}${replier === 'bare amqplib' ? 'bare' : 'nest'}-`;

function env(replier: Side): NodeJS.ProcessEnv {
  return { ...process.env, RABBITMQ_URL: URL, RMQ_PREFIX: prefixOf(replier), LOG_LEVEL: 'warn', NODE_ENV: 'production', RPC_TIMEOUT_MS: '10000' };
}

// ----------------------------------------------------------------------------- repliers (child processes)

// Decorators applied as functions: tsx run from the repository root compiles without experimentalDecorators.
class EchoController {
  echo({ data }: { data: { id: string } }) {
    return data;
  }
}
Controller()(EchoController);
MessagePattern(PATTERN)(EchoController.prototype, 'echo', Object.getOwnPropertyDescriptor(EchoController.prototype, 'echo')!);

class EchoModule {}
Module({ controllers: [EchoController] })(EchoModule);

async function nestReplierMain(): Promise<void> {
  const { bootstrapService, baseEnvSchema } = common();
  const app = await bootstrapService({ service: SERVICE, module: EchoModule, config: baseEnvSchema.parse(process.env) });
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
  process.send!('ready');
}

/** Answers in Nest's reply format, so the Nest client can be measured against it. */
async function bareReplierMain(): Promise<void> {
  const { declareTopology, requestQueue, requestQueueArguments } = common();
  const prefix = process.env.RMQ_PREFIX!;
  await declareTopology(URL, prefix);
  const connection = await connect(URL, { noDelay: true });
  const channel: Channel = await connection.createChannel();
  const queue = requestQueue(SERVICE, prefix);
  await channel.assertQueue(queue, { durable: true, arguments: requestQueueArguments(prefix) });
  await channel.prefetch(100);
  await channel.consume(queue, (message: ConsumeMessage | null) => {
    if (!message) return;
    const packet = JSON.parse(message.content.toString()) as { id: string; data: { data: unknown } };
    const reply = Buffer.from(JSON.stringify({ id: packet.id, response: packet.data.data, isDisposed: true }));
    channel.sendToQueue(message.properties.replyTo, reply, { correlationId: message.properties.correlationId });
    channel.ack(message);
  });
  process.once('SIGTERM', () => void connection.close().finally(() => process.exit(0)));
  process.send!('ready');
}

async function startReplier(replier: Side): Promise<ChildProcess> {
  const child = fork(__filename, [replier === 'bare amqplib' ? '--bare-replier' : '--nest-replier'], { env: env(replier), execArgv: process.execArgv, stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${replier} replier exited (${code})`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// ----------------------------------------------------------------------------- requesters (this process)

interface Requester {
  request(): Promise<unknown>;
  close(): Promise<void>;
}

async function bareRequester(replier: Side): Promise<Requester> {
  const connection = await connect(URL, { noDelay: true });
  const channel = await connection.createChannel();
  const pending = new Map<string, (content: Buffer) => void>();
  await channel.consume(REPLY_TO, (message) => message && pending.get(message.properties.correlationId)?.(message.content), { noAck: true });
  const queue = queueOf(replier);
  let next = 0;
  return {
    request: () =>
      new Promise((resolve) => {
        const id = String(next++);
        pending.set(id, (content) => {
          pending.delete(id);
          resolve((JSON.parse(content.toString()) as { response: unknown }).response);
        });
        const packet = { pattern: PATTERN, data: { actor: { kind: 'system' }, data: DATA }, id };
        channel.sendToQueue(queue, Buffer.from(JSON.stringify(packet)), { replyTo: REPLY_TO, correlationId: id, persistent: false });
      }),
    close: () => connection.close(),
  };
}

async function nestRequester(replier: Side): Promise<Requester> {
  const { RpcClient, baseEnvSchema } = common();
  const client = new RpcClient(baseEnvSchema.parse(env(replier)));
  const contract = { service: SERVICE, pattern: PATTERN };
  await client.call(contract, DATA, { persistent: false });
  return { request: () => client.call(contract, DATA, { persistent: false }), close: () => client.onApplicationShutdown() };
}

/** One request whose reply must echo the payload. */
async function echoed(requester: Requester): Promise<void> {
  const reply = (await requester.request()) as { id?: string };
  if (reply?.id !== DATA.id) throw new Error(`wrong reply: ${JSON.stringify(reply)}`);
}

async function main(): Promise<void> {
  const SIDES: Side[] = ['bare amqplib', 'Nest (MediQ)'];
  const repliers = new Map<Side, ChildProcess>();
  for (const side of SIDES) repliers.set(side, await startReplier(side));
  const rabbitmq = findPid('beam.smp');
  const lines = [
    `### RabbitMQ transport: bare amqplib against Nest's, per side (${DURATION_S} s per cell; CPU: ms per request)`,
    '',
    '| requester | replier | in flight | req/s | p50 ms | p99 ms | requester CPU | replier CPU | RabbitMQ CPU |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  try {
    for (const inFlight of IN_FLIGHT) {
      for (const replier of SIDES) {
        for (const requesterSide of SIDES) {
          const requester = requesterSide === 'bare amqplib' ? await bareRequester(replier) : await nestRequester(replier);
          const meter = new CpuMeter(() => ({ requester: process.pid, replier: repliers.get(replier)!.pid, rabbitmq }));
          const { result, cpuMs } = await meter.measure(() => runInFlight(() => echoed(requester), inFlight, DURATION_S));
          await requester.close();
          const per = (name: string) => (cpuMs[name] / result.requests).toFixed(3);
          const line = `| ${requesterSide} | ${replier} | ${inFlight} | ${(result.requests / result.seconds).toFixed(0)} | ${quantile(result.latenciesMs, 0.5).toFixed(3)} | ${quantile(result.latenciesMs, 0.99).toFixed(3)} | ${per('requester')} | ${per('replier')} | ${rabbitmq ? per('rabbitmq') : ''} |`;
          console.log(line);
          lines.push(line);
        }
      }
    }
  } finally {
    for (const child of repliers.values()) await stop(child);
    await deleteQueues();
  }
  const out = argument('out', '');
  if (out) writeFileSync(out, `${lines.join('\n')}\n`);
  console.log(`\n${lines.join('\n')}`);
}

async function deleteQueues(): Promise<void> {
  const { deadLetterExchange, deadLetterQueue } = common();
  const connection = await connect(URL);
  const channel = await connection.createChannel();
  for (const side of ['bare amqplib', 'Nest (MediQ)'] as Side[]) {
    await channel.deleteQueue(queueOf(side));
    await channel.deleteQueue(deadLetterQueue(prefixOf(side)));
    await channel.deleteExchange(deadLetterExchange(prefixOf(side)));
  }
  await connection.close();
}

const entry = process.argv.includes('--nest-replier') ? nestReplierMain : process.argv.includes('--bare-replier') ? bareReplierMain : main;
entry().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
