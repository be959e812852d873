export * from './connection';
export * from './domain-error';
export * from './rpc-client';
export * from './rpc-error.filter';
export * from './server-rmq';
export * from './service-transport';
export * from './topology';
