import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DomainError, RpcCallOptions, RpcClient } from '@mediq/common';
import { ErrorCode, ReplyOf, RequestOf, RpcContract, SERVICE_NAMES, ServiceName } from '@mediq/contracts';
import CircuitBreaker from 'opossum';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

type AnyContract = RpcContract<unknown, unknown>;
export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * The gateway's only way to reach a service. One circuit breaker per downstream service: when a
 * service keeps failing (timeouts, unavailability) its routes answer 503 at once instead of
 * waiting, and a probe closes the breaker again when it is back. Business errors (4xx) are answers,
 * not failures. Each breaker also caps the calls in flight (a bulkhead), so a slow OCR cannot
 * starve the queue routes.
 */
@Injectable()
export class DownstreamService implements OnModuleDestroy {
  private readonly logger = new Logger(DownstreamService.name);
  private readonly breakers = new Map<ServiceName, CircuitBreaker<[AnyContract, unknown, RpcCallOptions], unknown>>();

  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    for (const service of SERVICE_NAMES) this.breakers.set(service, this.createBreaker(service));
  }

  async call<C extends AnyContract>(contract: C, data: RequestOf<C>, options: RpcCallOptions = {}): Promise<ReplyOf<C>> {
    const breaker = this.breakers.get(contract.service)!;
    try {
      return (await breaker.fire(contract, data, options)) as ReplyOf<C>;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EOPENBREAKER' || code === 'ESEMLOCKED') {
        throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `${contract.service} is temporarily unavailable`, {
          service: contract.service,
        });
      }
      throw error;
    }
  }

  state(service: ServiceName): BreakerState {
    const breaker = this.breakers.get(service)!;
    return breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
  }

  onModuleDestroy(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }

  private createBreaker(service: ServiceName) {
    const breaker = new CircuitBreaker(
      (contract: AnyContract, data: unknown, options: RpcCallOptions) => this.rpc.call(contract, data as never, options),
      {
        name: service,
        timeout: false, // every RPC carries its own per-route timeout
        errorThresholdPercentage: this.config.BREAKER_ERROR_THRESHOLD_PERCENT,
        volumeThreshold: this.config.BREAKER_VOLUME_THRESHOLD,
        resetTimeout: this.config.BREAKER_RESET_TIMEOUT_MS,
        rollingCountTimeout: this.config.BREAKER_ROLLING_WINDOW_MS,
        capacity: service === 'ocr-engine' || service === 'ocr' ? this.config.OCR_MAX_CONCURRENCY : this.config.DOWNSTREAM_MAX_CONCURRENCY,
        errorFilter: (error: unknown) => error instanceof DomainError && error.httpStatus < 500,
      },
    );
    breaker.on('open', () => this.logger.warn(`circuit for ${service} opened`));
    breaker.on('halfOpen', () => this.logger.log(`circuit for ${service} half-open: probing`));
    breaker.on('close', () => this.logger.log(`circuit for ${service} closed`));
    return breaker;
  }
}
