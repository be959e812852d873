import { MicroserviceOptions, RmqOptions } from '@nestjs/microservices';
import { ServiceName } from '@mediq/contracts';
import type { BaseConfig } from '../config';
import { rmqSocketOptions } from './connection';
import { ResilientServerRmq } from './server-rmq';
import { requestQueue, requestQueueArguments } from './topology';

/**
 * How a service listens: one durable queue per service, manual acks (a message is acknowledged
 * only after its handler finished, see RmqMessageInterceptor), a bounded prefetch, and
 * dead-lettering for what cannot be handled.
 */
export function serviceTransport(service: ServiceName, config: BaseConfig): MicroserviceOptions {
  const options: RmqOptions['options'] = {
    urls: [config.RABBITMQ_URL],
    queue: requestQueue(service, config.RMQ_PREFIX),
    queueOptions: { durable: true, arguments: requestQueueArguments(config.RMQ_PREFIX) },
    noAck: false,
    prefetchCount: config.RMQ_PREFETCH,
    socketOptions: rmqSocketOptions(config, `${service}-server`),
  };
  return { strategy: new ResilientServerRmq(options) };
}
