import { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { ServiceName } from '@mediq/contracts';
import type { DestinationStream } from 'pino';
import type { BaseConfig } from '../config';
import { createLogger, PinoNestLogger } from '../logging';
import { MetricsServer, ServiceMetrics } from '../metrics';
import { declareTopology, RpcErrorFilter, serviceTransport } from '../rmq';

export interface ServiceBootstrapOptions {
  service: ServiceName;
  module: Type<unknown> | DynamicModule;
  config: BaseConfig;
  /** Where the JSON log lines go instead of stdout (a test reading them). */
  logDestination?: DestinationStream;
}

const metricsEndpoints = new WeakMap<INestMicroservice, string>();

/**
 * Starts a MediQ service: declares the broker topology, then listens on the service's queue. With
 * METRICS_PORT set it also serves its Prometheus metrics over HTTP; closing the app closes that too.
 */
export async function bootstrapService({ service, module, config, logDestination }: ServiceBootstrapOptions): Promise<INestMicroservice> {
  const logger = createLogger({ service, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY, destination: logDestination });
  await declareTopology(config.RABBITMQ_URL, config.RMQ_PREFIX);
  const metrics = new ServiceMetrics(service);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    ...serviceTransport(service, config, metrics),
    logger: new PinoNestLogger(logger),
    // Fail with the error (main.ts prints it and exits) instead of Nest calling process.exit itself.
    abortOnError: false,
  });
  app.useGlobalFilters(new RpcErrorFilter());
  app.enableShutdownHooks();
  await app.listen();
  if (config.METRICS_PORT !== undefined) {
    const server = await MetricsServer.start(metrics.registry, config.METRICS_PORT);
    metricsEndpoints.set(app, server.url);
    const close = app.close.bind(app);
    app.close = async () => {
      await close();
      await server.close();
    };
    logger.info({ metrics: server.url }, `${service} metrics at ${server.url}`);
  }
  logger.info({ queuePrefix: config.RMQ_PREFIX }, `${service} service listening`);
  return app;
}

/** Where a service started by bootstrapService serves its metrics, if METRICS_PORT was set. */
export function serviceMetricsUrl(app: INestMicroservice): string | undefined {
  return metricsEndpoints.get(app);
}
