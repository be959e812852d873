export * from './database-url';
export * from './mariadb-adapter';
export * from './migrator';
export * from './schema-drift';
export * from './database-errors';
export * from './driver-pool';
