export * from './validate-nik';
export * from './digit-confusions';
export * from './province-codes';
