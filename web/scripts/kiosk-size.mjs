#!/usr/bin/env node
// The JavaScript a kiosk downloads to show /kiosk (entry + the kiosk page chunk and everything they
// import statically), gzipped, from the build's manifest. Fails above the budget. Run after a build:
//   npm run build -w web && npm run size -w web
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit('index.html');
visit('src/pages/kiosk/KioskPage.tsx');

let raw = 0;
let gzipped = 0;
for (const file of [...files].filter((f) => f.endsWith('.js'))) {
  const bytes = readFileSync(join(dist, file));
  const size = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB gz  ${file}`);
}
const kb = gzipped / 1024;
console.log(`kiosk route JavaScript: ${kb.toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw), budget ${BUDGET_KB} KB`);
if (kb > BUDGET_KB) process.exit(1);
