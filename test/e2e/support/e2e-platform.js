// The whole platform as `npm start` runs it (built apps under the supervisor), isolated for the
// end-to-end tests: its own databases, queue prefix and gateway port; logs go to a file that
// tests can inspect (for example for PII).
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { ROOT, APPS, databaseUrl } = require('../../../scripts/lib/apps');
const { migrateAll } = require('../../../scripts/lib/migrations');
const { Platform } = require('../../../scripts/lib/supervisor');
const { seedDemo } = require('../../../scripts/lib/seed');

const ARTIFACTS = path.join(ROOT, 'test-artifacts');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** `extraEnv`: settings a suite needs on top of the defaults (e.g. the browser tests' kiosk-key cache); `logName`: its log file. */
async function startE2ePlatform({ extraEnv = {}, logName = 'e2e-platform' } = {}) {
  const run = randomBytes(3).toString('hex');
  const port = await freePort();
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOG_PRETTY: 'false',
    RMQ_PREFIX: `e2e${run}.`,
    GATEWAY_PORT: String(port),
    GATEWAY_HOST: '127.0.0.1',
    ...extraEnv,
  };
  for (const app of APPS) if (app.databaseEnv) env[app.databaseEnv] = `mysql://root@127.0.0.1:3306/mediq_e2e_${run}_${app.database.replace('mediq_', '')}`;
  await migrateAll({ env, log: () => undefined });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const logFile = path.join(ARTIFACTS, `${logName}.log`);
  const output = fs.createWriteStream(logFile);
  const platform = new Platform({ env, output, restartOnCrash: false, colour: false });
  platform.startAll();
  const baseUrl = `http://127.0.0.1:${port}`;
  await platform.waitForHealthy(`${baseUrl}/api/health`, 90_000);
  const seed = await seedDemo({ env: { ...process.env, ...env } });
  return { platform, env, baseUrl, logFile, output, seed };
}

async function stopE2ePlatform({ platform, env, output }) {
  await platform.stopAll();
  output.end();
  const { dropDatabase } = require(path.join(ROOT, 'packages/common/dist/prisma'));
  const { deleteTestTopology } = require(path.join(ROOT, 'packages/common/dist/testing'));
  for (const app of APPS) if (app.databaseEnv) await dropDatabase(databaseUrl(app, env));
  await deleteTestTopology({ RABBITMQ_URL: process.env.RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672', RMQ_PREFIX: env.RMQ_PREFIX });
}

module.exports = { startE2ePlatform, stopE2ePlatform };
