import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DomainError, RpcCallOptions, RpcClient } from '@mediq/common';
import { ErrorCode, ReplyOf, RequestOf, RpcContract, SERVICE_NAMES, ServiceName } from '@mediq/contracts';
import CircuitBreaker from 'opossum';
import { edgeContext } from '../common/edge-context';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { BreakerState, GatewayMetrics, RpcOutcome } from '../metrics/gateway-metrics';

type AnyContract = RpcContract<unknown, unknown>;
export type { BreakerState };

export interface DownstreamCallOptions extends RpcCallOptions {
  /**
   * Whether the call may be repeated after a timeout or unavailability. Defaults to the HTTP
   * request's nature: GET/HEAD, or a write the idempotency interceptor accepted under an
   * Idempotency-Key. Never set it on a write the service does not deduplicate.
   */
  idempotent?: boolean;
}

/** Failures after which the same call can succeed: the service was away or slow, not wrong. */
const RETRYABLE_CODES = new Set<ErrorCode>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.TIMEOUT]);
const OCR_SERVICES = new Set<ServiceName>(['ocr', 'ocr-engine']);

/**
 * The gateway's only way to reach a service. Per downstream service:
 * - a bulkhead caps the calls in flight (OCR low, the rest high), so a slow OCR cannot starve the
 *   queue routes; a call over the cap answers 503 at once;
 * - a circuit breaker: when a service keeps failing (timeouts, unavailability) its routes answer
 *   503 at once instead of waiting, and after BREAKER_RESET_TIMEOUT_MS one probe call (half-open)
 *   closes it again when the service is back. Business errors (4xx) are answers, not failures;
 * - idempotent calls are retried a bounded number of times with full jitter, never while the
 *   breaker is open.
 * Breaker transitions are logged and exported as metrics, with every call's latency and outcome.
 */
@Injectable()
export class DownstreamService implements OnModuleDestroy {
  private readonly logger = new Logger(DownstreamService.name);
  private readonly breakers = new Map<ServiceName, CircuitBreaker<[AnyContract, unknown, RpcCallOptions], unknown>>();
  private readonly inFlight = new Map<ServiceName, number>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    for (const service of SERVICE_NAMES) {
      this.breakers.set(service, this.createBreaker(service));
      this.inFlight.set(service, 0);
      metrics.setBreakerState(service, 'closed', false);
    }
  }

  async call<C extends AnyContract>(contract: C, data: RequestOf<C>, options: DownstreamCallOptions = {}): Promise<ReplyOf<C>> {
    const { idempotent = edgeContext.allowsRetry(), ...rpcOptions } = options;
    const retries = idempotent ? this.config.RPC_RETRY_ATTEMPTS : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(contract, data, { persistent: !edgeContext.isRead(), ...rpcOptions });
      } catch (error) {
        if (attempt >= retries || !isRetryable(error) || this.state(contract.service) === 'open') throw error;
        this.metrics.countRetry(contract.service, contract.pattern);
        await sleep(Math.random() * this.config.RPC_RETRY_BASE_DELAY_MS * 2 ** attempt);
      }
    }
  }

  state(service: ServiceName): BreakerState {
    const breaker = this.breakers.get(service)!;
    return breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
  }

  onModuleDestroy(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }

  private async attempt<C extends AnyContract>(contract: C, data: RequestOf<C>, options: RpcCallOptions): Promise<ReplyOf<C>> {
    const { service } = contract;
    const started = process.hrtime.bigint();
    const observe = (outcome: RpcOutcome) =>
      this.metrics.observeRpc(service, contract.pattern, outcome, Number(process.hrtime.bigint() - started) / 1e9);

    const inFlight = this.inFlight.get(service)!;
    if (inFlight >= this.capacity(service)) {
      observe('rejected');
      throw unavailable(service, 'busy');
    }
    this.inFlight.set(service, inFlight + 1);
    try {
      const reply = (await this.breakers.get(service)!.fire(contract, data, options)) as ReplyOf<C>;
      observe('ok');
      return reply;
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        observe('rejected');
        throw unavailable(service, 'circuit-open');
      }
      observe(outcomeOf(error));
      throw error;
    } finally {
      this.inFlight.set(service, this.inFlight.get(service)! - 1);
    }
  }

  private capacity(service: ServiceName): number {
    return OCR_SERVICES.has(service) ? this.config.OCR_MAX_CONCURRENCY : this.config.DOWNSTREAM_MAX_CONCURRENCY;
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
        errorFilter: (error: unknown) => error instanceof DomainError && error.httpStatus < 500,
      },
    );
    const transition = (state: BreakerState, message: string, warn = false) => {
      this.metrics.setBreakerState(service, state);
      const line = { msg: message, event: 'circuit-breaker', service, state };
      if (warn) this.logger.warn(line);
      else this.logger.log(line);
    };
    breaker.on('open', () => transition('open', `circuit for ${service} opened: its routes answer 503 until a probe succeeds`, true));
    breaker.on('halfOpen', () => transition('half-open', `circuit for ${service} half-open: probing`));
    breaker.on('close', () => transition('closed', `circuit for ${service} closed`));
    return breaker;
  }
}

function unavailable(service: ServiceName, reason: 'busy' | 'circuit-open'): DomainError {
  return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `${service} is temporarily unavailable`, { service, reason });
}

function isRetryable(error: unknown): boolean {
  return error instanceof DomainError && RETRYABLE_CODES.has(error.code);
}

function outcomeOf(error: unknown): RpcOutcome {
  if (!(error instanceof DomainError)) return 'server_error';
  if (error.code === ErrorCode.TIMEOUT) return 'timeout';
  if (error.code === ErrorCode.SERVICE_UNAVAILABLE) return 'unavailable';
  return error.httpStatus < 500 ? 'client_error' : 'server_error';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
