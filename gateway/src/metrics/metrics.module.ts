import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { GatewayMetrics } from './gateway-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';

/** GET /metrics and the metrics every part of the gateway records (global: the downstream service observes RPCs). */
@Global()
@Module({ controllers: [MetricsController], providers: [GatewayMetrics], exports: [GatewayMetrics] })
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
