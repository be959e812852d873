export * from './bootstrap';
export * from './config';
export * from './crypto';
export * from './health';
export * from './logging';
export * from './prisma';
export * from './redis';
export * from './rmq';
