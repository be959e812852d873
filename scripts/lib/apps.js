// The processes that make up the platform, in one place for the start, test and migrate scripts.
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

/**
 * MALLOC_ARENA_MAX=2 for the OCR engine: glibc otherwise gives each of onnxruntime's threads its own
 * malloc arena, which keep the freed feature maps of every inference; with two, the engine's peak RSS
 * is ~100 MB lower at the same CPU time (docs/ocr.md). The environment wins when it sets the variable.
 * @type {Array<{name: string, dir: string, databaseEnv?: string, database?: string, processEnv?: Record<string, string>}>}
 */
const APPS = [
  { name: 'user', dir: 'services/user', databaseEnv: 'USER_DATABASE_URL', database: 'mediq_user' },
  { name: 'institution', dir: 'services/institution', databaseEnv: 'INSTITUTION_DATABASE_URL', database: 'mediq_institution' },
  { name: 'patient-queue', dir: 'services/patient-queue', databaseEnv: 'QUEUE_DATABASE_URL', database: 'mediq_queue' },
  { name: 'ocr', dir: 'services/ocr', databaseEnv: 'OCR_DATABASE_URL', database: 'mediq_ocr' },
  { name: 'ocr-engine', dir: 'services/ocr-engine', processEnv: { MALLOC_ARENA_MAX: '2' } },
  { name: 'gateway', dir: 'gateway' },
];

const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306';

/** The database URL an app uses under `env`, defaulting to the development database. */
function databaseUrl(app, env = process.env) {
  return env[app.databaseEnv] || `${env.MYSQL_URL || DEFAULT_MYSQL_URL}/${app.database}`;
}

module.exports = { ROOT, APPS, databaseUrl };
