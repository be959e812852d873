import { rpc, ServiceName } from './rpc';

export type DependencyStatus = 'up' | 'down';

export interface HealthReport {
  /** A service name, or `gateway`. */
  service: ServiceName | 'gateway';
  status: DependencyStatus;
  version: string;
  uptimeSeconds: number;
  dependencies: Record<string, { status: DependencyStatus; detail?: string }>;
}

/** One health contract per service: the pattern is `<service>.health`. */
export function healthContract(service: ServiceName) {
  return rpc<Record<string, never>, HealthReport>(service, `${service}.health`);
}
