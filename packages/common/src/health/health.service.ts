import { DependencyStatus, HealthReport, ServiceName } from '@mediq/contracts';

/** Something a service depends on, checked on every health request. */
export interface HealthIndicator {
  readonly name: string;
  /** Resolves when the dependency answers; rejects with a reason otherwise. */
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 1_500;

export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly service: ServiceName | 'gateway',
    private readonly indicators: HealthIndicator[],
    private readonly version = process.env.npm_package_version ?? '0.1.0',
  ) {}

  async report(): Promise<HealthReport> {
    const results = await Promise.all(this.indicators.map(async (indicator) => [indicator.name, await probe(indicator)] as const));
    const dependencies = Object.fromEntries(results);
    const status: DependencyStatus = results.every(([, result]) => result.status === 'up') ? 'up' : 'down';
    return {
      service: this.service,
      status,
      version: this.version,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      dependencies,
    };
  }
}

async function probe(indicator: HealthIndicator): Promise<{ status: DependencyStatus; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([indicator.check(), deadline]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
