const { stopE2ePlatform } = require('./e2e-platform');

module.exports = async function globalTeardown() {
  if (globalThis.__MEDIQ_E2E__) await stopE2ePlatform(globalThis.__MEDIQ_E2E__);
};
