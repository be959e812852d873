export * from './rpc';
export * from './errors';
export * from './health';
export * from './nik';
export * from './institution';
export * from './user';
export * from './queue';
export * from './ocr-engine';
