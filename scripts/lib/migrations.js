// Applies every stateful service's Prisma migrations with the offline migrator.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, APPS, databaseUrl } = require('./apps');

async function migrateAll({ env = process.env, log = console.log } = {}) {
  const { applyMigrations } = require(path.join(ROOT, 'packages/common/dist/prisma'));
  for (const app of APPS) {
    const dir = path.join(ROOT, app.dir, 'prisma/migrations');
    if (!app.databaseEnv || !fs.existsSync(dir)) continue;
    const run = await applyMigrations(databaseUrl(app, env), dir);
    log(`${app.name}: ${run.database} ${run.applied.length ? `applied ${run.applied.join(', ')}` : 'up to date'}`);
  }
}

module.exports = { migrateAll };
