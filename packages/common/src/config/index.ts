export * from './load-config';
export * from './secrets';
