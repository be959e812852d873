import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, PinoNestLogger } from '@mediq/common';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { GatewayConfig } from './config';

/** Builds the HTTP gateway; main.ts and the integration tests start it the same way. */
export async function createGateway(config: GatewayConfig): Promise<INestApplication> {
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '100kb' });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.use(helmet());
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, transformOptions: { enableImplicitConversion: false } }),
  );
  app.enableShutdownHooks();
  return app;
}
