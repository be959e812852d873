import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createRedis, DomainError, pingRedis, HealthService as DependencyHealth, HealthIndicator } from '@mediq/common';
import { DependencyStatus, healthContract, HealthReport, SERVICE_NAMES, ServiceName } from '@mediq/contracts';
import { connect } from 'amqplib';
import type Redis from 'ioredis';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { DownstreamService } from '../rpc/downstream.service';

export interface GatewayHealth {
  status: DependencyStatus;
  gateway: HealthReport;
  services: Record<ServiceName, { status: DependencyStatus; circuit: string; report?: HealthReport; error?: string }>;
}

const SERVICE_HEALTH_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly own: DependencyHealth;

  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.redis = createRedis(config.REDIS_URL, 'gateway-health');
    const broker: HealthIndicator = {
      name: 'rabbitmq',
      check: async () => {
        const connection = await connect(config.RABBITMQ_URL, { noDelay: true });
        await connection.close();
      },
    };
    const redis: HealthIndicator = { name: 'redis', check: () => pingRedis(this.redis) };
    this.own = new DependencyHealth('gateway', [broker, redis]);
  }

  gateway(): Promise<HealthReport> {
    return this.own.report();
  }

  async overall(): Promise<GatewayHealth> {
    const [gateway, ...reports] = await Promise.all([this.gateway(), ...SERVICE_NAMES.map((service) => this.service(service))]);
    const services = Object.fromEntries(SERVICE_NAMES.map((service, i) => [service, reports[i]])) as GatewayHealth['services'];
    const allUp = gateway.status === 'up' && Object.values(services).every((s) => s.status === 'up');
    return { status: allUp ? 'up' : 'down', gateway, services };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  private async service(service: ServiceName): Promise<GatewayHealth['services'][ServiceName]> {
    try {
      const report = await this.downstream.call(healthContract(service), {}, { timeoutMs: SERVICE_HEALTH_TIMEOUT_MS });
      return { status: report.status, circuit: this.downstream.state(service), report };
    } catch (error) {
      const message = error instanceof DomainError ? error.message : 'no answer';
      return { status: 'down', circuit: this.downstream.state(service), error: message };
    }
  }
}
