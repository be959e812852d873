module.exports = {
  ...require('../../jest.preset'),
  displayName: 'patient-queue',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
};
