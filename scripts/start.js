#!/usr/bin/env node
// `npm start`: the whole platform on this machine, in one command.
// Installs dependencies if missing, makes sure MariaDB/Redis/RabbitMQ answer, writes this install's
// own secrets into .env on first run, builds, migrates, runs the gateway and every service under one
// supervisor (the gateway on 127.0.0.1 unless HOST says otherwise), then seeds the demo institution.
const { loadDotEnv, ensureInstallSecrets } = require('./lib/env');
const { ensureDependencies, buildAll } = require('./lib/build');

async function main() {
  loadDotEnv();
  const port = process.env.GATEWAY_PORT || '8601';
  const host = process.env.HOST || '127.0.0.1';
  await refuseSecondInstance(port);
  const step = (message) => console.log(`\n== ${message}`);
  step('dependencies');
  ensureDependencies();
  const { ensureInfrastructure, databaseExists } = require('./lib/infrastructure');
  const { migrateAll } = require('./lib/migrations');
  const { Platform } = require('./lib/supervisor');
  const { seedDemo } = require('./lib/seed');
  const { APPS, databaseUrl } = require('./lib/apps');
  step('infrastructure (MariaDB, Redis, RabbitMQ)');
  await ensureInfrastructure();
  step('secrets');
  const userApp = APPS.find((app) => app.name === 'user');
  const secrets = ensureInstallSecrets({ dataExists: await databaseExists(databaseUrl(userApp)) });
  const generated = Object.keys(secrets.generated);
  console.log(generated.length ? `generated into .env: ${generated.join(', ')}` : 'this install has its own secrets (.env or the environment)');
  if (secrets.kept.length) {
    console.log(
      `kept the development defaults of ${secrets.kept.join(', ')}: the existing databases were made with them. ` +
        'For secrets of its own, drop the mediq_* databases and start again (that deletes the data).',
    );
  }
  step('build');
  buildAll();
  step('migrations');
  await migrateAll();
  step('services');
  const platform = new Platform({ env: { LOG_PRETTY: process.env.LOG_PRETTY ?? 'true', GATEWAY_HOST: host } });
  const shutdown = async () => {
    console.log('\nstopping MediQ...');
    await platform.stopAll();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  platform.startAll();
  await platform.waitForHealthy(`http://127.0.0.1:${port}/api/health`, 120_000);
  step('seed');
  const { summary } = await seedDemo();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  console.log(`\nMediQ is up: http://${shown}:${port}/  (API health: http://${shown}:${port}/api/health)`);
  if (host === '127.0.0.1') console.log('Only this computer can reach it; HOST=0.0.0.0 npm start opens it to the LAN (kiosks, TVs).');
  for (const line of summary) console.log(`  ${line}`);
  console.log('Ctrl-C stops everything.');
}

/** A second `npm start` would loop restarting a gateway that cannot bind its port: say so and stop. */
async function refuseSecondInstance(port) {
  const { portAnswers } = require('./lib/infrastructure');
  if (!(await portAnswers(Number(port)))) return;
  const mediq = await answersLikeMediq(port);
  throw new Error(
    mediq
      ? `MediQ already runs on port ${port} (http://127.0.0.1:${port}/). Stop it first (Ctrl-C where it was started), or set GATEWAY_PORT to run another.`
      : `Port ${port} is taken by another program; stop it or set GATEWAY_PORT in .env.`,
  );
}

/** Whether GET /api/health on `port` answers MediQ's health JSON (`{status, ...}`). */
function answersLikeMediq(port) {
  return new Promise((resolve) => {
    const request = require('node:http').get({ host: '127.0.0.1', port, path: '/api/health', timeout: 3000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        try {
          resolve(typeof JSON.parse(body).status === 'string');
        } catch {
          resolve(false);
        }
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
