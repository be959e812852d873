#!/usr/bin/env node
// The build steps of the Dockerfile, one command per stage, so the image build and the test that
// exercises it without a Docker engine (test/deploy) run exactly the same code.
//
//   node scripts/docker/app.js prune  <app> <out>     pruned monorepo for the app (turbo prune --docker)
//   node scripts/docker/app.js build  <app>           builds the app and the packages it depends on
//   node scripts/docker/app.js bundle <app> <out>     the runtime tree: production node_modules + dist
//
// <app> is a name from scripts/lib/apps.js (gateway, user, institution, patient-queue, ocr,
// ocr-engine) or `migrate`: the migration job's image (packages/common + every service's migrations).
// The gateway's image also carries the web clients, built: web/dist, which the gateway serves at `/`.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { APPS } = require('../lib/apps');

const MIGRATE = 'migrate';
/** Root files every build needs that belong to no workspace (turbo prune leaves them out). */
const ROOT_FILES = ['tsconfig.base.json', 'models/checksums.sha256', 'scripts/prisma-generate.mjs', 'scripts/migrate.js', 'scripts/healthcheck.js', 'scripts/lib', 'scripts/docker'];
const CARD_DETECTOR = 'models/card-detector/card-detector.onnx';
/** The model files of `models/` the engine's image bakes in: the card detector and the fused PP-OCRv4 models. */
const ENGINE_MODELS = [CARD_DETECTOR, 'models/ppocr/ch_PP-OCRv4_det_fused.onnx', 'models/ppocr/ch_PP-OCRv4_rec_fused.onnx'];
/** The web clients: built with the gateway's image, which serves web/dist (gateway/src/web/web-static.ts). */
const WEB = { servedBy: 'gateway', dir: 'web', workspace: '@mediq/web' };

/**
 * The app's directory and npm workspace name, and the workspaces its image builds (`builds`: the
 * app's, and the web clients' for the gateway); `migrate` builds @mediq/common only.
 */
function resolveApp(name, root = process.cwd()) {
  if (name === MIGRATE) return { name, dir: 'packages/common', workspace: '@mediq/common', builds: ['@mediq/common'] };
  const app = APPS.find((a) => a.name === name);
  if (!app) {
    throw new Error(`Unknown app "${name}": expected one of ${[...APPS.map((a) => a.name), MIGRATE].join(', ')}`);
  }
  const workspace = JSON.parse(fs.readFileSync(path.join(root, app.dir, 'package.json'), 'utf8')).name;
  return { name, dir: app.dir, workspace, builds: name === WEB.servedBy ? [workspace, WEB.workspace] : [workspace] };
}

function run(command, args, cwd = process.cwd()) {
  execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } });
}

/** turbo from node_modules when installed, else the exact version the repository pins. */
function turbo(args, cwd = process.cwd()) {
  const local = path.join(cwd, 'node_modules/.bin/turbo');
  if (fs.existsSync(local)) return run(local, args, cwd);
  const version = JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8')).devDependencies.turbo;
  return run('npx', ['--yes', `turbo@${version}`, ...args], cwd);
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}

/** Pruned workspace in <out>/json (manifests + lock, for a cached `npm ci`) and <out>/full (sources). */
function prune(name, out) {
  const app = resolveApp(name);
  fs.rmSync(out, { recursive: true, force: true });
  turbo(['prune', ...app.builds, '--docker', '--out-dir', out]);
  for (const file of ROOT_FILES) copy(file, path.join(out, 'full', file));
  if (name === MIGRATE) {
    for (const service of APPS.filter((a) => a.databaseEnv)) {
      const migrations = path.join(service.dir, 'prisma/migrations');
      if (fs.existsSync(migrations)) copy(migrations, path.join(out, 'full', migrations));
    }
  }
  if (name === 'ocr-engine') {
    if (!fs.existsSync(CARD_DETECTOR)) throw new Error(`${CARD_DETECTOR} is missing: build the card detector before the ocr-engine image`);
    for (const model of ENGINE_MODELS) copy(model, path.join(out, 'full', model));
  }
}

function build(name) {
  const app = resolveApp(name);
  turbo(['run', 'build', ...app.builds.map((workspace) => `--filter=${workspace}...`), '--output-logs=errors-only']);
}

/**
 * The runtime tree in <out>: node_modules without devDependencies, every workspace's package.json
 * and dist, the scripts the image runs, and `current`, a link to the app's directory (the image's
 * working directory). Sources, tests and build tools stay behind. The gateway's also holds web/dist,
 * but none of the web's packages: they run in the browser, bundled into dist.
 */
function bundle(name, out) {
  const app = resolveApp(name);
  const servesWeb = app.builds.includes(WEB.workspace);
  if (servesWeb) dropWorkspace(WEB.dir);
  run('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund']);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const file of ['package.json', 'node_modules', ...ROOT_FILES.filter((f) => f.startsWith('scripts/'))]) {
    copy(file, path.join(out, file));
  }
  const workspaces = JSON.parse(fs.readFileSync('package.json', 'utf8')).workspaces;
  for (const pattern of workspaces) {
    const parent = pattern.replace(/\/\*$/, '');
    const dirs = pattern.endsWith('/*') && fs.existsSync(parent) ? fs.readdirSync(parent).map((d) => path.join(parent, d)) : [pattern];
    for (const dir of dirs) {
      // The migrate image carries services' migrations without their workspaces.
      for (const part of ['package.json', 'dist', 'prisma/migrations']) {
        if (fs.existsSync(path.join(dir, part))) copy(path.join(dir, part), path.join(out, dir, part));
      }
    }
  }
  if (servesWeb) copy(path.join(WEB.dir, 'dist'), path.join(out, WEB.dir, 'dist'));
  if (fs.existsSync('models')) copy('models', path.join(out, 'models'));
  fs.symlinkSync(app.dir, path.join(out, 'current'));
}

/** Takes a workspace out of the root manifest, so that `npm prune` removes the packages only it needs. */
function dropWorkspace(dir) {
  const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  manifest.workspaces = manifest.workspaces.filter((workspace) => workspace !== dir);
  fs.writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
}

function main([command, name, out]) {
  if (!command || !name) throw new Error('usage: node scripts/docker/app.js prune|build|bundle <app> [out]');
  if (command === 'prune') return prune(name, path.resolve(out || 'out'));
  if (command === 'build') return build(name);
  if (command === 'bundle') return bundle(name, path.resolve(out || 'bundle'));
  throw new Error(`Unknown command "${command}"`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

module.exports = { resolveApp, MIGRATE, ROOT_FILES, CARD_DETECTOR, ENGINE_MODELS, WEB };
