#!/usr/bin/env node
// `npm start`: the whole platform on this machine, in one command.
// Installs dependencies if missing, makes sure MariaDB/Redis/RabbitMQ answer, builds, migrates,
// runs the gateway and every service under one supervisor, then seeds the demo institution.
const { loadDotEnv } = require('./lib/env');
const { ensureDependencies, buildAll } = require('./lib/build');

async function main() {
  loadDotEnv();
  const step = (message) => console.log(`\n== ${message}`);
  step('dependencies');
  ensureDependencies();
  const { ensureInfrastructure } = require('./lib/infrastructure');
  const { migrateAll } = require('./lib/migrations');
  const { Platform } = require('./lib/supervisor');
  const { seedDemo } = require('./lib/seed');
  step('infrastructure (MariaDB, Redis, RabbitMQ)');
  await ensureInfrastructure();
  step('build');
  buildAll();
  step('migrations');
  await migrateAll();
  step('services');
  const platform = new Platform({ env: { LOG_PRETTY: process.env.LOG_PRETTY ?? 'true' } });
  const shutdown = async () => {
    console.log('\nstopping MediQ...');
    await platform.stopAll();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  platform.startAll();
  const port = process.env.GATEWAY_PORT || '8601';
  await platform.waitForHealthy(`http://127.0.0.1:${port}/api/health`, 120_000);
  step('seed');
  const { summary } = await seedDemo();
  console.log(`\nMediQ is up: http://localhost:${port}/api/health`);
  for (const line of summary) console.log(`  ${line}`);
  console.log('Ctrl-C stops everything.');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
