const { startE2ePlatform } = require('./e2e-platform');

module.exports = async function globalSetup() {
  // The admin journey revokes a kiosk key and expects the next request with it refused. The gateway
  // trusts a verified key for KIOSK_KEY_CACHE_TTL_MS (30 s by default, by design: a revocation takes
  // effect within that interval); the journey checks the refusal, not the interval, so the cache is
  // off here. The cache has its own unit tests (gateway/src/auth/kiosk-keys.verifier.spec.ts).
  const started = await startE2ePlatform({ extraEnv: { KIOSK_KEY_CACHE_TTL_MS: '0' } });
  globalThis.__MEDIQ_E2E__ = started;
  process.env.E2E_BASE_URL = started.baseUrl;
  process.env.E2E_LOG_FILE = started.logFile;
  process.env.E2E_RMQ_PREFIX = started.env.RMQ_PREFIX;
  // What the seed created (ids, credentials) for the journeys; development values only.
  process.env.E2E_SEED = JSON.stringify({ institution: started.seed.institution, services: started.seed.services });
};
