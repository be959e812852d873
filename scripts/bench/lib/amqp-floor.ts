/**
 * The floor of one RabbitMQ hop: a bare amqplib request/reply over direct reply-to, sockets with
 * noDelay, echoing a 200-byte message. The replier runs in its own process (like a service), the
 * requester in the benchmark's process (like the load generator).
 */
import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const REPLY_TO = 'amq.rabbitmq.reply-to';
const PAYLOAD = Buffer.from(JSON.stringify({ pattern: 'floor.echo', data: { id: randomBytes(70).toString('hex') } }));

export interface FloorResult {
  requests: number;
  seconds: number;
  latenciesMs: number[];
}

export interface AmqpFloor {
  /** The replier's process id (for its CPU time). */
  replierPid: number;
  run(inFlight: number, seconds: number): Promise<FloorResult>;
  close(): Promise<void>;
}

export async function startAmqpFloor(url: string, queue: string): Promise<AmqpFloor> {
  const replier = fork(__filename, ['--floor-replier'], { env: { ...process.env, FLOOR_URL: url, FLOOR_QUEUE: queue }, execArgv: process.execArgv, stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    replier.once('message', () => resolve());
    replier.once('exit', (code) => reject(new Error(`floor replier exited (${code})`)));
  });
  const connection = await connect(url, { noDelay: true });
  const channel = await connection.createChannel();
  const pending = new Map<string, () => void>();
  await channel.consume(REPLY_TO, (message) => message && pending.get(message.properties.correlationId)?.(), { noAck: true });
  let next = 0;
  const request = () =>
    new Promise<void>((resolve) => {
      const correlationId = String(next++);
      pending.set(correlationId, () => (pending.delete(correlationId), resolve()));
      channel.sendToQueue(queue, PAYLOAD, { replyTo: REPLY_TO, correlationId });
    });
  return {
    replierPid: replier.pid!,
    run: (inFlight, seconds) => runInFlight(request, inFlight, seconds),
    async close() {
      await connection.close();
      await stopChild(replier);
    },
  };
}

/** Keeps `inFlight` requests going for `seconds`, each sent as soon as the one before it answered; their latencies. */
export async function runInFlight(request: () => Promise<unknown>, inFlight: number, seconds: number): Promise<FloorResult> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  const ends = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < ends) {
        const sent = performance.now();
        await request();
        latenciesMs.push(performance.now() - sent);
      }
    }),
  );
  return { requests: latenciesMs.length, seconds: (performance.now() - started) / 1000, latenciesMs };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function replierMain(): Promise<void> {
  const connection: ChannelModel = await connect(process.env.FLOOR_URL!, { noDelay: true });
  const channel: Channel = await connection.createChannel();
  const queue = process.env.FLOOR_QUEUE!;
  await channel.assertQueue(queue, { durable: false, autoDelete: true });
  await channel.prefetch(100);
  await channel.consume(queue, (message: ConsumeMessage | null) => {
    if (!message) return;
    channel.sendToQueue(message.properties.replyTo, message.content, { correlationId: message.properties.correlationId });
    channel.ack(message);
  });
  process.once('SIGTERM', () => void connection.close().finally(() => process.exit(0)));
  process.send!('ready');
}

if (process.argv.includes('--floor-replier')) {
  replierMain().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
