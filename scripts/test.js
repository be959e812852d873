#!/usr/bin/env node
// `npm test`: the whole suite (unit + integration + end-to-end) against real MariaDB, Redis and
// RabbitMQ, brought up the same way `npm start` does. Extra arguments go to jest.
const { spawnSync } = require('node:child_process');
const { loadDotEnv } = require('./lib/env');
const { ensureDependencies, buildAll, typecheckAll } = require('./lib/build');
const { ROOT } = require('./lib/apps');

async function main() {
  loadDotEnv();
  ensureDependencies();
  const { ensureInfrastructure } = require('./lib/infrastructure');
  await ensureInfrastructure();
  buildAll();
  typecheckAll();
  const jest = require.resolve('jest/bin/jest');
  // --forceExit: a stray broker heartbeat timer must never keep CI waiting after the last test.
  const args = ['--maxWorkers=3', '--forceExit', ...process.argv.slice(2)];
  const result = spawnSync(process.execPath, [jest, ...args], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
  process.exit(result.status ?? 1);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
