export * from './redis';
export * from './revoked-kiosk-keys';
export * from './revoked-sessions';
