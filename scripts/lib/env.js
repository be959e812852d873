// Reads KEY=VALUE lines from the repository's .env (if any) without overriding the real environment,
// and writes the per-install secrets `npm start` generates on first run.
const fs = require('node:fs');
const { randomBytes, randomInt } = require('node:crypto');
const path = require('node:path');
const { ROOT } = require('./apps');

/**
 * The variables of a .env text, read as dotenv and Docker Compose read them: one `KEY=value` per line,
 * lines starting with `#` are comments. A quoted value ('...' or "...") is what stands between its
 * quotes, `#` included, and may be followed by a comment; in an unquoted value a `#` at its start or
 * after a blank begins a comment (as in Compose, one inside a word, e.g. a password, stays), and the
 * blanks around the value are dropped.
 * @param {string} text
 * @returns {Record<string, string>}
 */
function parseDotEnv(text) {
  const variables = {};
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)$/);
    if (!match) continue;
    const [, key, rest] = match;
    const quoted = rest.match(/^(['"])(.*?)\1\s*(?:#.*)?$/);
    variables[key] = quoted ? quoted[2] : rest.replace(/(^|\s)#.*$/, '').trim();
  }
  return variables;
}

function loadDotEnv(file = path.join(ROOT, '.env')) {
  if (!fs.existsSync(file)) return;
  for (const [key, value] of Object.entries(parseDotEnv(fs.readFileSync(file, 'utf8')))) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
}

/**
 * Secrets a demo install must not share with every other install (the published development defaults
 * are in .env.example and the source). `keepsData`: changing it later makes stored data unreadable
 * (sealed NIKs, their lookup hashes) or no longer matching (seeded accounts keep their first password).
 */
const INSTALL_SECRETS = [
  { name: 'JWT_ACCESS_SECRET', make: () => randomBytes(32).toString('base64url') },
  { name: 'JWT_REFRESH_SECRET', make: () => randomBytes(32).toString('base64url') },
  { name: 'PII_ENCRYPTION_KEY', make: () => randomBytes(32).toString('base64'), keepsData: true },
  { name: 'PII_HASH_KEY', make: () => randomBytes(32).toString('base64'), keepsData: true },
  { name: 'SCAN_ENCRYPTION_KEY', make: () => randomBytes(32).toString('base64') },
  { name: 'SEED_ADMIN_PASSWORD', make: () => `Admin-${randomWords()}`, keepsData: true },
  { name: 'SEED_OPERATOR_PASSWORD', make: () => `Operator-${randomWords()}`, keepsData: true },
  { name: 'SEED_KIOSK_API_KEY', make: () => `mqk_${randomBytes(24).toString('base64url')}` },
];

/** Values published in the source and .env.example (development defaults): never an install's own secret. */
const PUBLISHED_DEFAULTS = new Set([
  'dev-only-jwt-access-secret-do-not-use-in-production',
  'dev-only-jwt-refresh-secret-do-not-use-in-production',
  'ZGV2LW9ubHktcGlpLWVuY3J5cHRpb24ta2V5LTMyYiE=',
  'ZGV2LW9ubHktcGlpLWhhc2gta2V5LS0tLS0tMzJieXQ=',
  'ZGV2LW9ubHktc2Nhbi1lbmNyeXB0aW9uLWtleS0zMmI=',
  'Admin-Demo-2026!',
  'Operator-Demo-2026!',
  'mediq-demo-kiosk-key-0000000000000000',
]);

/** Three groups of four letters and digits, easy to type on a kiosk (e.g. `k7Pq-x2Mz-R4tw`). */
function randomWords() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

/**
 * The per-install secrets to add to .env: every install secret set neither in the environment nor in
 * `dotenv` (or set there to a published development default), each generated fresh. When the platform's data already exists (`dataExists`, an install
 * from before this rule ran on the development defaults), the secrets its data depends on are left
 * out, so its NIKs stay readable and its demo accounts keep signing in; `kept` lists them.
 * @param {{ env?: Record<string, string | undefined>, dotenv?: Record<string, string>, dataExists?: boolean }} options
 */
function planInstallSecrets({ env = process.env, dotenv = {}, dataExists = false } = {}) {
  const generated = {};
  const kept = [];
  for (const secret of INSTALL_SECRETS) {
    const configured = [env[secret.name], dotenv[secret.name]].find((value) => value !== undefined && value !== '');
    if (configured !== undefined && !PUBLISHED_DEFAULTS.has(configured)) continue;
    if (dataExists && secret.keepsData) kept.push(secret.name);
    else generated[secret.name] = secret.make();
  }
  return { generated, kept };
}

/**
 * Writes the missing per-install secrets into .env (created when absent; git-ignored) and loads them.
 * Returns what `planInstallSecrets` decided, for `npm start` to report.
 */
function ensureInstallSecrets({ file = path.join(ROOT, '.env'), dataExists = false } = {}) {
  const dotenv = fs.existsSync(file) ? parseDotEnv(fs.readFileSync(file, 'utf8')) : {};
  const plan = planInstallSecrets({ dotenv, dataExists });
  const names = Object.keys(plan.generated);
  if (names.length > 0) {
    const block = [
      '',
      `# --- generated by npm start on ${new Date().toISOString().slice(0, 10)}: this install's own secrets. Keep them:`,
      '# the PII keys unlock the stored NIKs, the seed passwords are the demo accounts\' (see .env.example).',
      ...names.map((name) => `${name}=${plan.generated[name]}`),
      '',
    ].join('\n');
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    fs.writeFileSync(file, existing.replace(/\n*$/, existing ? '\n' : '') + block);
    fs.chmodSync(file, 0o600);
    for (const name of names) process.env[name] = plan.generated[name];
  }
  return plan;
}

module.exports = { loadDotEnv, parseDotEnv, planInstallSecrets, ensureInstallSecrets, INSTALL_SECRETS };
