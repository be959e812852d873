export * from './redis';
export * from './revoked-sessions';
