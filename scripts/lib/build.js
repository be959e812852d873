// Installs dependencies when missing and builds every workspace (turbo caches unchanged ones).
const fs = require('node:fs');
const path = require('node:path');
const { execSync } = require('node:child_process');
const { ROOT } = require('./apps');

function run(command) {
  execSync(command, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } });
}

/** `npm ci` when node_modules is missing or older than package-lock.json. */
function ensureDependencies() {
  const installed = path.join(ROOT, 'node_modules/.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs) {
    run('npm ci --no-audit --no-fund');
  }
}

function buildAll() {
  run('npx turbo run build --output-logs=errors-only --log-prefix=task');
}

/** Type-checks every workspace including its tests (the build checks only sources). */
/** TypeScript outside the workspaces: jest's swc transform does not typecheck, and the scripts run on demand only. */
const LOOSE_PROJECTS = ['test/e2e/tsconfig.json', 'test/deploy/tsconfig.json', 'scripts/ocr-eval/tsconfig.json', 'scripts/faults/tsconfig.json'];

/** Every workspace, then the end-to-end tests and the benchmark and fault scripts. */
function typecheckAll() {
  run('npx turbo run typecheck --output-logs=errors-only --log-prefix=task');
  for (const project of LOOSE_PROJECTS) run(`npx tsc -p ${project}`);
}

module.exports = { ensureDependencies, buildAll, typecheckAll };
