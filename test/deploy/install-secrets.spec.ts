import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './support/repo';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const env = require(path.join(ROOT, 'scripts/lib/env.js')) as {
  parseDotEnv: (text: string) => Record<string, string>;
  planInstallSecrets: (options: { env?: Record<string, string>; dotenv?: Record<string, string>; dataExists?: boolean }) => { generated: Record<string, string>; kept: string[] };
  ensureInstallSecrets: (options: { file: string; dataExists?: boolean }) => { generated: Record<string, string>; kept: string[] };
  INSTALL_SECRETS: Array<{ name: string }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEVELOPMENT_SECRETS } = require(path.join(ROOT, 'packages/common/dist/config/secrets')) as { DEVELOPMENT_SECRETS: Record<string, string> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SEED_DEFAULTS } = require(path.join(ROOT, 'scripts/lib/seed.js')) as { SEED_DEFAULTS: Record<string, string> };

const NAMES = env.INSTALL_SECRETS.map((secret) => secret.name);
const PUBLISHED = { ...DEVELOPMENT_SECRETS, ...SEED_DEFAULTS };

describe('per-install secrets (npm start, scripts/lib/env.js)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('generates every secret on a fresh install, none of them a published default, different per install', () => {
    const first = env.planInstallSecrets({ env: {}, dotenv: {} }).generated;
    const second = env.planInstallSecrets({ env: {}, dotenv: {} }).generated;
    expect(Object.keys(first).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      expect(first[name]).not.toBe(PUBLISHED[name]);
      expect(first[name]).not.toBe(second[name]);
    }
    expect(Buffer.from(first.PII_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    expect(first.JWT_ACCESS_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps what is configured, but replaces a published default copied from .env.example', () => {
    const plan = env.planInstallSecrets({ env: { JWT_ACCESS_SECRET: 'x'.repeat(40) }, dotenv: { PII_HASH_KEY: DEVELOPMENT_SECRETS.PII_HASH_KEY, SEED_ADMIN_PASSWORD: 'Mine-own-password-7' } });
    expect(plan.generated.JWT_ACCESS_SECRET).toBeUndefined();
    expect(plan.generated.SEED_ADMIN_PASSWORD).toBeUndefined();
    expect(plan.generated.PII_HASH_KEY).toEqual(expect.any(String));
    expect(plan.generated.PII_HASH_KEY).not.toBe(DEVELOPMENT_SECRETS.PII_HASH_KEY);
  });

  it('leaves the data-bearing secrets alone when the databases already exist, so stored NIKs stay readable', () => {
    const plan = env.planInstallSecrets({ env: {}, dotenv: {}, dataExists: true });
    expect(plan.kept.sort()).toEqual(['PII_ENCRYPTION_KEY', 'PII_HASH_KEY', 'SEED_ADMIN_PASSWORD', 'SEED_OPERATOR_PASSWORD']);
    expect(Object.keys(plan.generated).sort()).toEqual(['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'SCAN_ENCRYPTION_KEY', 'SEED_KIOSK_API_KEY']);
  });

  it('writes them into .env once (readable by its owner only) and a second run adds nothing', () => {
    for (const name of NAMES) delete process.env[name];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediq-env-'));
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'GATEWAY_PORT=8601\n');
    const first = env.ensureInstallSecrets({ file });
    const written = env.parseDotEnv(fs.readFileSync(file, 'utf8'));
    expect(written).toMatchObject({ GATEWAY_PORT: '8601', ...first.generated });
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(process.env.JWT_ACCESS_SECRET).toBe(first.generated.JWT_ACCESS_SECRET);
    for (const name of NAMES) delete process.env[name];
    expect(env.ensureInstallSecrets({ file }).generated).toEqual({});
    fs.rmSync(dir, { recursive: true });
  });
});
