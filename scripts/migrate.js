#!/usr/bin/env node
// Applies pending migrations of every service (offline; Prisma's schema engine is not needed).
const { loadDotEnv } = require('./lib/env');
const { migrateAll } = require('./lib/migrations');

loadDotEnv();
migrateAll().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
