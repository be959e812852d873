// The processes that make up the platform, in one place for the start, test and migrate scripts.
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

/** @type {Array<{name: string, dir: string, databaseEnv?: string, database?: string}>} */
const APPS = [
  { name: 'user', dir: 'services/user', databaseEnv: 'USER_DATABASE_URL', database: 'mediq_user' },
  { name: 'institution', dir: 'services/institution', databaseEnv: 'INSTITUTION_DATABASE_URL', database: 'mediq_institution' },
  { name: 'patient-queue', dir: 'services/patient-queue', databaseEnv: 'QUEUE_DATABASE_URL', database: 'mediq_queue' },
  { name: 'ocr', dir: 'services/ocr', databaseEnv: 'OCR_DATABASE_URL', database: 'mediq_ocr' },
  { name: 'ocr-engine', dir: 'services/ocr-engine' },
  { name: 'gateway', dir: 'gateway' },
];

const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306';

/** The database URL an app uses under `env`, defaulting to the development database. */
function databaseUrl(app, env = process.env) {
  return env[app.databaseEnv] || `${env.MYSQL_URL || DEFAULT_MYSQL_URL}/${app.database}`;
}

module.exports = { ROOT, APPS, databaseUrl };
