import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { AccessLogMiddleware } from './common/access-log.middleware';
import { EdgeRedis } from './common/edge-redis';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { RequestIdMiddleware } from './common/request-id.middleware';
import { GATEWAY_CONFIG, GatewayConfig } from './config';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { OcrModule } from './ocr/ocr.module';
import { RpcModule } from './rpc/rpc.module';
import { QueueModule } from './queue/queue.module';
import { InstitutionsModule } from './institutions/institutions.module';
import { EdgeModule } from './common/edge.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule implements NestModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [RpcModule, HealthModule, AuthModule, QueueModule, OcrModule, InstitutionsModule, EdgeModule, MetricsModule.register(config), WebModule],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        EdgeRedis,
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [GATEWAY_CONFIG, EdgeRedis],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, AccessLogMiddleware).forRoutes('*');
  }
}
