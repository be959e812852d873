import { ServiceName } from '@mediq/contracts';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

/**
 * A service's Prometheus metrics, in a registry of its own (several services can run in one test
 * process): every handled pattern's latency by outcome, and its failures by error code.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  private readonly handled = new Histogram({
    name: 'mediq_service_rpc_duration_seconds',
    help: 'Message patterns handled, by outcome (ok, or the error code)',
    labelNames: ['pattern', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly errors = new Counter({
    name: 'mediq_service_rpc_errors_total',
    help: 'Handled patterns that failed, by error code (INTERNAL: unexpected)',
    labelNames: ['pattern', 'code'] as const,
    registers: [this.registry],
  });

  constructor(readonly service: ServiceName) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'mediq_service_' });
  }

  observe(pattern: string, outcome: string, seconds: number): void {
    this.handled.observe({ pattern, outcome }, seconds);
    if (outcome !== 'ok') this.errors.inc({ pattern, code: outcome });
  }
}
