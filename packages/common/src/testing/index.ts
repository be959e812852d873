export * from './test-infrastructure';
export * from './migration-suite';
