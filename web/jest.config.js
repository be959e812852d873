// Unit tests of the web app's plain logic (no browser); the browser tests are jest.browser.config.js.
module.exports = {
  ...require('../jest.preset'),
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
