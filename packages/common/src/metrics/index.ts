export * from './metrics-server';
export * from './service-metrics';
