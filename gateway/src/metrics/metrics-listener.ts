import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MetricsServer } from '@mediq/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { GatewayMetrics } from './gateway-metrics';

/**
 * GET /metrics on a port of its own (METRICS_PORT), like the services': in a cluster the gateway's
 * HTTP port is public at `/` (the web app), so the metrics must not be served there.
 * Started with the gateway, closed with it.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: MetricsServer;

  constructor(
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = await MetricsServer.start(this.metrics.registry, this.config.METRICS_PORT!);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }

  /** Where the metrics are served, once the gateway has started. */
  get url(): string | undefined {
    return this.server?.url;
  }
}
