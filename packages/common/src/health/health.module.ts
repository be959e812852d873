import { Controller, DynamicModule, Inject, Module, Provider, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthContract, HealthReport, ServiceName } from '@mediq/contracts';
import { HealthIndicator, HealthService } from './health.service';

/**
 * Answers `<service>.health` with the state of the service's own dependencies.
 * `indicators` are classes implementing HealthIndicator; they are instantiated here and may inject
 * anything exported by `imports` or by global modules (database, Redis).
 */
@Module({})
export class HealthModule {
  static forService(service: ServiceName, indicators: Type<HealthIndicator>[], imports: DynamicModule['imports'] = []): DynamicModule {
    @Controller()
    class HealthController {
      constructor(@Inject(HealthService) private readonly health: HealthService) {}

      @MessagePattern(healthContract(service).pattern)
      report(): Promise<HealthReport> {
        return this.health.report();
      }
    }

    const healthService: Provider = {
      provide: HealthService,
      useFactory: (...resolved: HealthIndicator[]) => new HealthService(service, resolved),
      inject: indicators,
    };
    return {
      module: HealthModule,
      imports,
      controllers: [HealthController],
      providers: [...indicators, healthService],
    };
  }
}
