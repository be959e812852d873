#!/usr/bin/env node
// `npm test`: the whole suite (unit + integration + end-to-end) against real MariaDB, Redis and
// RabbitMQ, brought up the same way `npm start` does. Extra arguments go to jest.
// `npm run test:unit` (`--unit`): only the unit specs beside the code (`*/src/**/*.spec.ts`), after
// the build; no MariaDB, Redis or RabbitMQ needed.
const { spawnSync } = require('node:child_process');
const { loadDotEnv } = require('./lib/env');
const { ensureDependencies, buildAll, typecheckAll } = require('./lib/build');
const { ROOT } = require('./lib/apps');

/** The jest projects that hold unit specs (the deploy, e2e and browser projects have none). */
const UNIT_PROJECTS = ['contracts', 'common', 'gateway', 'user', 'institution', 'patient-queue', 'ocr', 'ocr-engine', 'web'];

async function main() {
  const unitOnly = process.argv.includes('--unit');
  const jestArgs = process.argv.slice(2).filter((arg) => arg !== '--unit');
  loadDotEnv();
  ensureDependencies();
  if (!unitOnly) {
    const { ensureInfrastructure } = require('./lib/infrastructure');
    await ensureInfrastructure();
  }
  buildAll();
  typecheckAll();
  const jest = require.resolve('jest/bin/jest');
  // --forceExit: a stray broker heartbeat timer must never keep CI waiting after the last test.
  const args = ['--maxWorkers=3', '--forceExit'];
  if (unitOnly) args.push('--selectProjects', ...UNIT_PROJECTS, '--testPathPatterns', '/src/.*\\.spec\\.tsx?$');
  const result = spawnSync(process.execPath, [jest, ...args, ...jestArgs], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
  process.exit(result.status ?? 1);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
