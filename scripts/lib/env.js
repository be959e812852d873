// Reads KEY=VALUE lines from the repository's .env (if any) without overriding the real environment.
const fs = require('node:fs');
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

module.exports = { loadDotEnv, parseDotEnv };
