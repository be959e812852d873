export * from './pii-cipher';
