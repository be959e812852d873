import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, PinoNestLogger } from '@mediq/common';
import { RPC_HEADERS } from '@mediq/contracts';
import helmet from 'helmet';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from './common/idempotency/idempotency.constants';
import { parkBodyParseError } from './common/body-error.middleware';
import { noStoreApiAnswers } from './common/cache-control';
import { jsonShapeVerifier } from './common/json-limits';
import { SafeTextPipe } from './common/safe-text.pipe';
import { GatewayConfig } from './config';
import { setupOpenApi } from './docs/openapi';

export interface GatewayOptions {
  /** Where the JSON log lines go instead of stdout (a test reading them). */
  logDestination?: DestinationStream;
}

/** Builds the HTTP gateway; main.ts and the integration tests start it the same way. */
export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<INestApplication> {
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL, pretty: config.LOG_PRETTY, destination: options.logDestination });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  if (config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.useBodyParser('json', { limit: '100kb', verify: jsonShapeVerifier({ maxDepth: config.BODY_MAX_DEPTH, maxKeys: config.BODY_MAX_KEYS }) });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.use(parkBodyParseError);
  app.use(helmet());
  app.use(noStoreApiAnswers);
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      credentials: true,
      allowedHeaders: ['authorization', 'content-type', 'x-api-key', RPC_HEADERS.requestId, IDEMPOTENCY_KEY_HEADER],
      exposedHeaders: [RPC_HEADERS.requestId, 'retry-after', IDEMPOTENT_REPLAYED_HEADER],
      maxAge: 600,
    });
  }
  // Without METRICS_PORT, Prometheus scrapes /metrics on this port, outside the /api prefix.
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, transformOptions: { enableImplicitConversion: false } }),
    new SafeTextPipe(),
  );
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
