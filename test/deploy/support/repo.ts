import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

export interface AppEntry {
  name: string;
  dir: string;
  databaseEnv?: string;
  database?: string;
}

/** The platform's processes, from the list the start/test/migrate scripts use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const APPS: AppEntry[] = require(path.join(ROOT, 'scripts/lib/apps.js')).APPS;
