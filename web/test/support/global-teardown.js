const { stopE2ePlatform } = require('../../../test/e2e/support/e2e-platform');

module.exports = async function globalTeardown() {
  if (globalThis.__MEDIQ_WEB_E2E__) await stopE2ePlatform(globalThis.__MEDIQ_WEB_E2E__);
};
