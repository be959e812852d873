const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startE2ePlatform } = require('../../../test/e2e/support/e2e-platform');

const WEB = path.resolve(__dirname, '../..');

module.exports = async function globalSetup() {
  // `npm test` builds every workspace first; a direct jest run builds the app if it is missing.
  if (!fs.existsSync(path.join(WEB, 'dist/index.html'))) {
    execFileSync(process.execPath, [require.resolve('vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' });
  }
  const started = await startE2ePlatform({ logName: 'web-platform' });
  globalThis.__MEDIQ_WEB_E2E__ = started;
  process.env.WEB_E2E_BASE_URL = started.baseUrl;
  process.env.WEB_E2E_SEED = JSON.stringify({ institution: started.seed.institution, services: started.seed.services });
};
