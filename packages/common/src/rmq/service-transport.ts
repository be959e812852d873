import { MicroserviceOptions, RmqOptions } from '@nestjs/microservices';
import { ServiceName } from '@mediq/contracts';
import type { BaseConfig } from '../config';
import { rmqSocketOptions } from './connection';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { ServiceRmqServer } from './server-rmq';
import { requestQueue, requestQueueArguments } from './topology';

/**
 * How a service listens: one durable queue per service, manual acks (a message is acknowledged
 * only once its reply is out, see ServiceRmqServer), a bounded prefetch, and dead-lettering for
 * what cannot be handled. Every reply is timed into `metrics`.
 */
export function serviceTransport(service: ServiceName, config: BaseConfig, metrics?: ServiceMetrics): MicroserviceOptions {
  const options: RmqOptions['options'] = {
    urls: [config.RABBITMQ_URL],
    queue: requestQueue(service, config.RMQ_PREFIX),
    queueOptions: { durable: true, arguments: requestQueueArguments(config.RMQ_PREFIX) },
    noAck: false,
    prefetchCount: config.RMQ_PREFETCH,
    socketOptions: rmqSocketOptions(config, `${service}-server`),
  };
  return { strategy: new ServiceRmqServer(options, metrics) };
}
