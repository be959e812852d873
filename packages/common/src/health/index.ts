export * from './health.module';
export * from './health.service';
export * from './database-health.indicator';
