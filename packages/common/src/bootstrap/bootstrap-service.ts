import { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { ServiceName } from '@mediq/contracts';
import type { BaseConfig } from '../config';
import { createLogger, PinoNestLogger } from '../logging';
import { declareTopology, RmqMessageInterceptor, RpcErrorFilter, serviceTransport } from '../rmq';

export interface ServiceBootstrapOptions {
  service: ServiceName;
  module: Type<unknown> | DynamicModule;
  config: BaseConfig;
}

/** Starts a MediQ service: declares the broker topology, then listens on the service's queue. */
export async function bootstrapService({ service, module, config }: ServiceBootstrapOptions): Promise<INestMicroservice> {
  const logger = createLogger({ service, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
  await declareTopology(config.RABBITMQ_URL, config.RMQ_PREFIX);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    ...serviceTransport(service, config),
    logger: new PinoNestLogger(logger),
    // Fail with the error (main.ts prints it and exits) instead of Nest calling process.exit itself.
    abortOnError: false,
  });
  app.useGlobalInterceptors(new RmqMessageInterceptor());
  app.useGlobalFilters(new RpcErrorFilter());
  app.enableShutdownHooks();
  await app.listen();
  logger.info({ queuePrefix: config.RMQ_PREFIX }, `${service} service listening`);
  return app;
}
