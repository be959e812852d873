// Browser tests: Debian's Chromium (playwright-core) drives the built web app served by the whole
// platform, started like the other end-to-end tests (own databases, queue prefix and port).
module.exports = {
  ...require('../jest.preset'),
  displayName: 'web-browser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 120_000,
};
