import { RmqContext, RmqOptions, ServerRMQ } from '@nestjs/microservices';

/**
 * NestJS's RabbitMQ server with one fix: its reply publish returns a promise that nobody handles,
 * so a reply in flight when the broker connection drops becomes an unhandled rejection and takes
 * the whole process down. Here that reply is logged as lost instead; the caller times out and
 * retries, which is the contract of direct reply-to (at-most-once) anyway.
 */
export class ResilientServerRmq extends ServerRMQ {
  constructor(options: RmqOptions['options']) {
    super(options ?? {});
  }

  override sendMessage<T>(message: T, replyTo: string, correlationId: string, context: RmqContext): void {
    const outgoing = this.serializer.serialize(message as never) as Record<string, unknown> & { options?: Record<string, unknown> };
    const { options, ...packet } = outgoing;
    this.onProcessingEndHook?.(this.transportId, context);
    this.channel
      ?.sendToQueue(replyTo, Buffer.from(JSON.stringify(packet)), { correlationId, ...options })
      .catch((error: Error) => this.logger.warn(`A reply was lost with the broker connection (${error.message}); the caller will retry`));
  }
}
