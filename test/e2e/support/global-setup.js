const { startE2ePlatform } = require('./e2e-platform');

module.exports = async function globalSetup() {
  // The gateway runs with its default kiosk-key cache: the admin journey's revoked key is refused at
  // once all the same (the revocation list in Redis, docs/operability.md "Revoking kiosk keys").
  const started = await startE2ePlatform();
  globalThis.__MEDIQ_E2E__ = started;
  process.env.E2E_BASE_URL = started.baseUrl;
  process.env.E2E_LOG_FILE = started.logFile;
  process.env.E2E_RMQ_PREFIX = started.env.RMQ_PREFIX;
  // What the seed created (ids, credentials) for the journeys; development values only.
  process.env.E2E_SEED = JSON.stringify({ institution: started.seed.institution, services: started.seed.services });
};
