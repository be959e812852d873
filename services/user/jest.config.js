module.exports = {
  ...require('../../jest.preset'),
  displayName: 'user',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
};
