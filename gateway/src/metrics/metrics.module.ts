import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { GatewayConfig } from '../config';
import { GatewayMetrics } from './gateway-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsListener } from './metrics-listener';

/**
 * The metrics every part of the gateway records (global: the downstream service observes RPCs), and
 * where Prometheus reads them: with METRICS_PORT set, on a listener of their own on that port (a
 * cluster, where the HTTP port is public); unset, GET /metrics on the HTTP port, outside /api.
 */
@Global()
@Module({})
export class MetricsModule implements NestModule {
  static register(config: GatewayConfig): DynamicModule {
    const ownPort = config.METRICS_PORT !== undefined;
    return {
      module: MetricsModule,
      controllers: ownPort ? [] : [MetricsController],
      providers: [GatewayMetrics, ...(ownPort ? [MetricsListener] : [])],
      exports: [GatewayMetrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
