import { RmqContext, RmqOptions, ServerRMQ } from '@nestjs/microservices';
import { NO_MESSAGE_HANDLER } from '@nestjs/microservices/constants';
import { ErrorCode, isRpcErrorReply, RPC_HEADERS } from '@mediq/contracts';
import type { Channel, Message } from 'amqplib';
import { requestContext } from '../logging';
import type { ServiceMetrics } from '../metrics/service-metrics';

/** What the server returns for one request: Nest's packet, after its handler's answer or error. */
interface ReplyPacket {
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * NestJS's RabbitMQ server, doing per message what interceptors did before, once, around the
 * whole handling (each Nest interceptor costs an AsyncResource and two rxjs pipes per message,
 * ~8 % of a service's CPU on the ticket read):
 *
 * - the handler runs in the caller's request context, so its logs carry the request id;
 * - the message is acknowledged only once its reply is out (manual acks): a crash or a lost
 *   connection before that leaves it unacked and the broker redelivers it;
 * - every reply is timed and counted by pattern and outcome (`ok`, or the error code);
 * - a reply in flight when the broker connection drops is logged as lost instead of becoming an
 *   unhandled rejection that takes the process down (Nest leaves that promise unhandled); the
 *   caller times out and retries, the contract of direct reply-to (at-most-once) anyway.
 */
export class ServiceRmqServer extends ServerRMQ {
  /** When each message in hand started; gone once it is settled. */
  private readonly started = new WeakMap<Message, bigint>();

  constructor(
    options: RmqOptions['options'],
    private readonly metrics?: ServiceMetrics,
  ) {
    super(options ?? {});
  }

  override handleMessage(incoming: Record<string, unknown> | null, channel: Channel): Promise<void> {
    if (!incoming) return Promise.resolve();
    const message = incoming as unknown as Message;
    const header: unknown = message.properties.headers?.[RPC_HEADERS.requestId];
    const requestId = typeof header === 'string' && header ? header : requestContext.newRequestId();
    this.started.set(message, process.hrtime.bigint());
    return requestContext.run({ requestId }, () => super.handleMessage(message, channel));
  }

  /** Our patterns are plain strings: Nest's JSON.parse of each one threw and was caught, per message. */
  override getRouteFromPattern(pattern: string): string {
    const first = pattern.charAt(0);
    return first === '{' || first === '"' || first === '[' ? super.getRouteFromPattern(pattern) : this.normalizePattern(pattern);
  }

  override async handleEvent(pattern: string, packet: { data: unknown }, context: RmqContext): Promise<void> {
    const handled = this.getHandlerByPattern(pattern) !== null;
    try {
      await super.handleEvent(pattern, packet as never, context);
    } finally {
      // Without a handler Nest has dead-lettered the message already.
      if (handled) this.settle(context, undefined);
    }
  }

  override sendMessage<T>(message: T, replyTo: string, correlationId: string, context: RmqContext): void {
    const outgoing = this.serializer.serialize(message as never) as Record<string, unknown> & { options?: Record<string, unknown> };
    const { options, ...packet } = outgoing;
    this.onProcessingEndHook?.(this.transportId, context);
    this.channel
      ?.sendToQueue(replyTo, Buffer.from(JSON.stringify(packet)), { correlationId, ...options })
      .catch((error: Error) => this.logger.warn(`A reply was lost with the broker connection (${error.message}); the caller will retry`));
    const reply = message as ReplyPacket;
    // Nest has dead-lettered a message nobody handles before answering it.
    if (reply.isDisposed && reply.err !== NO_MESSAGE_HANDLER) this.settle(context, reply.err);
  }

  private settle(context: RmqContext, error: unknown): void {
    const message = context.getMessage() as Message;
    const started = this.started.get(message);
    this.started.delete(message);
    acknowledge(context.getChannelRef() as Channel, message);
    if (started !== undefined) this.metrics?.observe(context.getPattern(), outcomeOf(error), Number(process.hrtime.bigint() - started) / 1e9);
  }
}

function acknowledge(channel: Channel, message: Message): void {
  try {
    channel.ack(message);
  } catch {
    // The channel closed (broker restart) after the work was done: the broker redelivers the
    // message and the idempotent handler answers it again.
  }
}

function outcomeOf(error: unknown): string {
  if (error === undefined) return 'ok';
  return isRpcErrorReply(error) ? error.code : ErrorCode.INTERNAL;
}
