import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { RmqContext } from '@nestjs/microservices';
import { RPC_HEADERS } from '@mediq/contracts';
import { Observable, finalize } from 'rxjs';
import { requestContext } from '../logging';
import type { Channel, Message } from 'amqplib';

/**
 * Runs every RabbitMQ handler inside the caller's request context (so its logs carry the request
 * id) and acknowledges the message only once the handler has finished, successfully or with a
 * reply-able error. A crash before that leaves the message unacked: the broker redelivers it.
 */
@Injectable()
export class RmqMessageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rmq = context.switchToRpc().getContext<RmqContext>();
    const message = rmq.getMessage() as Message;
    const channel = rmq.getChannelRef() as Channel;
    const header = message.properties.headers?.[RPC_HEADERS.requestId];
    const requestId = typeof header === 'string' && header ? header : requestContext.newRequestId();

    return new Observable((subscriber) =>
      requestContext.run({ requestId }, () =>
        next
          .handle()
          .pipe(finalize(() => acknowledge(channel, message)))
          .subscribe(subscriber),
      ),
    );
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
