// `npm test` runs every project: unit and integration tests of each workspace, then the
// end-to-end tests against the whole platform (test/e2e).
module.exports = {
  // testTimeout is a global option: project configs cannot set it in a multi-project run.
  testTimeout: require('./jest.preset').testTimeout,
  projects: [
    '<rootDir>/packages/*/jest.config.js',
    '<rootDir>/services/*/jest.config.js',
    '<rootDir>/gateway/jest.config.js',
    '<rootDir>/test/e2e/jest.config.js',
    '<rootDir>/test/deploy/jest.config.js',
    '<rootDir>/web/jest.config.js',
    '<rootDir>/web/jest.browser.config.js',
  ],
};
