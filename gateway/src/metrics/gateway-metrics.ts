import { Injectable } from '@nestjs/common';
import { ServiceName } from '@mediq/contracts';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type BreakerState = 'closed' | 'open' | 'half-open';
/** How an RPC ended, as a metric label. */
export type RpcOutcome = 'ok' | 'client_error' | 'server_error' | 'timeout' | 'unavailable' | 'rejected';

const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];

/**
 * The gateway's Prometheus metrics, in a registry of its own (one per gateway instance, so tests
 * running several gateways in one process do not mix their counts).
 */
@Injectable()
export class GatewayMetrics {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'mediq_gateway_http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly rpcDuration = new Histogram({
    name: 'mediq_gateway_rpc_duration_seconds',
    help: 'Calls to services by pattern and outcome (rejected: answered 503 by an open breaker or a full bulkhead)',
    labelNames: ['service', 'pattern', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly rpcRetries = new Counter({
    name: 'mediq_gateway_rpc_retries_total',
    help: 'Retries of idempotent calls after a timeout or unavailability',
    labelNames: ['service', 'pattern'] as const,
    registers: [this.registry],
  });

  private readonly breakerState = new Gauge({
    name: 'mediq_gateway_circuit_breaker_state',
    help: 'Circuit breaker per service: 0 closed, 1 half-open, 2 open',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  private readonly breakerTransitions = new Counter({
    name: 'mediq_gateway_circuit_breaker_transitions_total',
    help: 'Circuit breaker state changes per service',
    labelNames: ['service', 'state'] as const,
    registers: [this.registry],
  });

  private readonly rateLimited = new Counter({
    name: 'mediq_gateway_rate_limited_total',
    help: 'Requests answered 429 per rate-limit policy',
    labelNames: ['policy'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'mediq_gateway_' });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  observeRpc(service: ServiceName, pattern: string, outcome: RpcOutcome, seconds: number): void {
    this.rpcDuration.observe({ service, pattern, outcome }, seconds);
  }

  countRetry(service: ServiceName, pattern: string): void {
    this.rpcRetries.inc({ service, pattern });
  }

  setBreakerState(service: ServiceName, state: BreakerState, transition = true): void {
    this.breakerState.set({ service }, BREAKER_STATE_VALUE[state]);
    if (transition) this.breakerTransitions.inc({ service, state });
  }

  countRateLimited(policy: string): void {
    this.rateLimited.inc({ policy });
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
