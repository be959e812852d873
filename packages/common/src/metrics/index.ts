export * from './metrics-server';
export * from './rpc-metrics.interceptor';
export * from './service-metrics';
