import { execFileSync } from 'node:child_process';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { ErrorCode, rpc, RpcEnvelope } from '@mediq/contracts';
import { baseEnvSchema } from '../src/config';
import { bootstrapService } from '../src/bootstrap';
import { requestContext } from '../src/logging';
import { connect } from 'amqplib';
import { deadLetterQueue, DomainError, requestQueue, RpcClient } from '../src/rmq';
import { deleteTestTopology, testEnv } from '../src/testing';

// A throw-away service on its own queue prefix, to exercise the RPC plumbing itself.
const Echo = {
  echo: rpc<{ text: string }, { text: string; requestId?: string; actorKind: string }>('ocr-engine', 'test.echo'),
  fail: rpc<{ code: ErrorCode }, never>('ocr-engine', 'test.fail'),
  crash: rpc<Record<string, never>, never>('ocr-engine', 'test.crash'),
  slow: rpc<{ ms: number; tag?: string }, { done: true }>('ocr-engine', 'test.slow'),
  missing: rpc<Record<string, never>, never>('ocr-engine', 'test.no-such-handler'),
};

/** How many times the slow handler started, per tag. */
const slowStarts = new Map<string, number>();
/** Events the service handled. */
const eventsHandled: string[] = [];

@Controller()
class EchoController {
  @MessagePattern(Echo.echo.pattern)
  echo(@Payload() { actor, data }: RpcEnvelope<{ text: string }>) {
    return { text: data.text, requestId: requestContext.requestId(), actorKind: actor.kind };
  }

  @MessagePattern(Echo.fail.pattern)
  fail(@Payload() { data }: RpcEnvelope<{ code: ErrorCode }>) {
    throw new DomainError(data.code, 'Poli Gigi is closed on Sunday', { serviceCode: 'B' });
  }

  @MessagePattern(Echo.crash.pattern)
  crash() {
    throw new Error('database password is hunter2');
  }

  @MessagePattern(Echo.slow.pattern)
  async slow(@Payload() { data }: RpcEnvelope<{ ms: number; tag?: string }>) {
    if (data.tag) slowStarts.set(data.tag, (slowStarts.get(data.tag) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, data.ms));
    return { done: true };
  }

  @EventPattern('test.noted')
  noted(@Payload() { data }: RpcEnvelope<{ text: string }>) {
    eventsHandled.push(data.text);
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

/** Messages of a queue delivered to a consumer and not acknowledged yet. */
function unacknowledged(queue: string): number {
  const out = execFileSync('rabbitmqctl', ['list_queues', 'name', 'messages_unacknowledged', '-q'], { encoding: 'utf8' });
  const line = out.split('\n').find((row) => row.split('\t')[0] === queue);
  if (!line) throw new Error(`queue ${queue} not found`);
  return Number(line.split('\t')[1]);
}

/** Broker-side process ids of the connections whose name starts with this test's prefix. */
function connectionsOf(prefix: string): string[] {
  const out = execFileSync('rabbitmqctl', ['list_connections', 'pid', 'client_properties', '-q'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(`{"connection_name","${prefix}`))
    .map((line) => line.split('\t')[0]);
}

async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('RPC over RabbitMQ', () => {
  const env = testEnv({ RPC_TIMEOUT_MS: '2000', RMQ_HEARTBEAT_SECONDS: '2' });
  const config = baseEnvSchema.parse(env);
  let service: INestMicroservice;
  let client: RpcClient;

  beforeAll(async () => {
    service = await bootstrapService({ service: 'ocr-engine', module: EchoModule, config });
    client = new RpcClient(config);
  });

  afterAll(async () => {
    await client.onApplicationShutdown();
    await service.close();
    await deleteTestTopology(config);
  });

  it('carries the payload, the actor and the caller request id to the handler', async () => {
    const reply = await requestContext.run({ requestId: 'req-from-http-1' }, () =>
      client.call(Echo.echo, { text: 'halo' }, { actor: { kind: 'kiosk', kioskKeyId: 'k1' } }),
    );
    expect(reply).toEqual({ text: 'halo', requestId: 'req-from-http-1', actorKind: 'kiosk' });
  });

  it('acknowledges every request once answered, answers and errors alike, and an event once handled', async () => {
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => client.call(Echo.echo, { text: `ack ${i}` })),
      ...Array.from({ length: 5 }, () => client.call(Echo.fail, { code: ErrorCode.CONFLICT }).catch(() => undefined)),
    ]);
    const connection = await connect(config.RABBITMQ_URL);
    const channel = await connection.createChannel();
    channel.sendToQueue(requestQueue('ocr-engine', config.RMQ_PREFIX), Buffer.from(JSON.stringify({ pattern: 'test.noted', data: { actor: { kind: 'system' }, data: { text: 'noted' } } })));
    await eventually(async () => expect(eventsHandled).toEqual(['noted']), 5_000);
    await connection.close();
    // Nothing stays in the service's hands: an unacknowledged message would be redelivered after a restart.
    await eventually(async () => expect(unacknowledged(requestQueue('ocr-engine', config.RMQ_PREFIX))).toBe(0), 5_000);
  });

  it('brings a typed error back with its code, message and details', async () => {
    const error = await client.call(Echo.fail, { code: ErrorCode.SERVICE_CLOSED }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.SERVICE_CLOSED, message: 'Poli Gigi is closed on Sunday', details: { serviceCode: 'B' } });
    expect((error as DomainError).httpStatus).toBe(422);
  });

  it('turns an unexpected handler error into INTERNAL without leaking its message', async () => {
    const error = (await client.call(Echo.crash, {}).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe(ErrorCode.INTERNAL);
    expect(error.message).not.toContain('hunter2');
  });

  it('fails a call that outlives its timeout with TIMEOUT, and keeps serving others', async () => {
    const error = (await client.call(Echo.slow, { ms: 1500 }, { timeoutMs: 300 }).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe(ErrorCode.TIMEOUT);
    await expect(client.call(Echo.echo, { text: 'still here' })).resolves.toMatchObject({ text: 'still here' });
  });

  it('answers a pattern nobody handles at once and dead-letters the message', async () => {
    const error = (await client.call(Echo.missing, {}).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    const connection = await connect(config.RABBITMQ_URL);
    const channel = await connection.createChannel();
    const { messageCount } = await channel.checkQueue(deadLetterQueue(config.RMQ_PREFIX));
    await connection.close();
    expect(messageCount).toBe(1);
  });

  it('redelivers a request whose handler had not finished when the service lost its connection', async () => {
    const started = slowStarts.get('redelivery') ?? 0;
    const call = client.call(Echo.slow, { ms: 1500, tag: 'redelivery' }, { timeoutMs: 10_000 });
    await eventually(async () => expect(slowStarts.get('redelivery')).toBe(started + 1), 2_000);
    for (const pid of connectionsOf(`${config.RMQ_PREFIX}ocr-engine-server`)) {
      execFileSync('rabbitmqctl', ['close_connection', pid, 'test: service connection lost mid-handler', '-q']);
    }
    // The unacknowledged request goes back to the queue and is handled again after reconnecting.
    await eventually(async () => expect(slowStarts.get('redelivery')).toBe(started + 2), 15_000);
    await call.catch(() => undefined);
  }, 30_000);

  it('recovers by itself after the broker drops every connection of this service and client', async () => {
    await expect(client.call(Echo.echo, { text: 'before' })).resolves.toMatchObject({ text: 'before' });
    const connections = connectionsOf(config.RMQ_PREFIX);
    expect(connections.length).toBeGreaterThanOrEqual(2); // the service's and the client's
    for (const pid of connections) execFileSync('rabbitmqctl', ['close_connection', pid, 'test: simulated broker failure', '-q']);

    // While reconnecting, a call fails within its timeout rather than hanging.
    const during = await client.call(Echo.echo, { text: 'during' }, { timeoutMs: 1000 }).then(
      () => 'ok',
      (e: DomainError) => e.code,
    );
    expect(['ok', ErrorCode.TIMEOUT, ErrorCode.SERVICE_UNAVAILABLE]).toContain(during);

    const after = await eventually(() => client.call(Echo.echo, { text: 'after' }, { timeoutMs: 1000 }), 20_000);
    expect(after).toMatchObject({ text: 'after' });
    expect(connectionsOf(config.RMQ_PREFIX).length).toBeGreaterThanOrEqual(2);
  }, 40_000);
});
