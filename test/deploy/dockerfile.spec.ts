import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dockerignore, expand, readDockerfile } from './support/dockerfile';
import { APPS, ROOT } from './support/repo';

const APP_SCRIPT = path.join(ROOT, 'scripts/docker/app.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CARD_DETECTOR, ENGINE_MODELS, WEB } = require(APP_SCRIPT);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { establishedRemotePorts, brokerAddress } = require(path.join(ROOT, 'scripts/healthcheck.js'));

describe('Dockerfile', () => {
  const { globalArgs, stages } = readDockerfile();
  const globals = Object.fromEntries(globalArgs.filter((a) => a.keyword === 'ARG').map((a) => a.args.split('=') as [string, string]));
  const runtime = stages[stages.length - 1];
  const instructions = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword);

  it('is multi-stage: prune, build, then a runtime stage that copies only the built bundle', () => {
    expect(stages.map((s) => s.name)).toEqual(['base', 'pruner', 'builder', 'runtime']);
    const copies = instructions('COPY').map((i) => i.args);
    expect(copies).toEqual([expect.stringMatching(/^--from=builder .*\/repo\/bundle\/ \.\/$/)]);
    expect(instructions('RUN')).toEqual([]);
  });

  it('pins every base image to an exact version', () => {
    for (const stage of stages) {
      const image = expand(stage.from, globals);
      if (stages.some((s) => s.name === image)) continue;
      expect(image).toMatch(/^[\w./-]+:\d+\.\d+\.\d+[\w.-]*(@sha256:[a-f0-9]{64})?$|@sha256:[a-f0-9]{64}$/);
    }
  });

  it('runs as a non-root user, with a health check and an exec-form command', () => {
    const user = instructions('USER').pop()?.args ?? 'root';
    expect(user).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(instructions('HEALTHCHECK').pop()?.args).toMatch(/CMD \["node", "\/app\/scripts\/healthcheck\.js", "ready"\]/);
    expect(instructions('CMD').pop()?.args).toBe('["node", "dist/main.js"]');
    expect(instructions('ENV').map((i) => i.args).join(' ')).toMatch(/NODE_ENV=production/);
  });

  it('selects the app with the APP build argument in every stage that needs it', () => {
    for (const stage of stages.filter((s) => s.instructions.some((i) => /\$APP\b|\$\{APP\}/.test(i.args)))) {
      expect(stage.instructions.some((i) => i.keyword === 'ARG' && i.args === 'APP')).toBe(true);
    }
    expect(execFileSync('node', ['-e', `console.log(require(${JSON.stringify(APP_SCRIPT)}).resolveApp('user').workspace)`], { cwd: ROOT, encoding: 'utf8' }).trim()).toBe(
      JSON.parse(fs.readFileSync(path.join(ROOT, 'services/user/package.json'), 'utf8')).name,
    );
    const unknown = spawnSync('node', [APP_SCRIPT, 'build', 'nope'], { cwd: ROOT, encoding: 'utf8' });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unknown app "nope"');
  });

  it('keeps installed, built and secret files out of the build context', () => {
    const ignored = dockerignore();
    for (const file of ['node_modules', 'gateway/node_modules', 'services/user/dist', '.env', '.env.local', '.git', 'k8s/overlays/staging/secrets.env', 'services/institution/src/generated']) {
      expect([file, ignored(file)]).toEqual([file, true]);
    }
    for (const file of ['.env.example', 'services/user/src', 'scripts/docker/app.js', 'models', 'k8s/overlays/staging/secrets.env.example']) {
      expect([file, ignored(file)]).toEqual([file, false]);
    }
  });
});

describe('scripts/docker/app.js prune (the pruner stage) for every app', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mediq-prune-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it.each([...APPS.map((a) => a.name), 'migrate'])('%s: manifests for the install, sources and the root files for the build', (app) => {
    const dir = path.join(out, app);
    const run = spawnSync('node', [APP_SCRIPT, 'prune', app, dir], { cwd: ROOT, encoding: 'utf8' });
    if (app === 'ocr-engine' && !fs.existsSync(path.join(ROOT, CARD_DETECTOR))) {
      // The engine's image bakes the card detector in: without the model the build stops, saying why.
      expect(run.stderr).toContain(`${CARD_DETECTOR} is missing`);
      return;
    }
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'json/package-lock.json'))).toBe(true);
    for (const file of ['tsconfig.base.json', 'scripts/healthcheck.js', 'scripts/prisma-generate.mjs', 'scripts/lib/apps.js', 'packages/common/package.json']) {
      expect([file, fs.existsSync(path.join(dir, 'full', file))]).toEqual([file, true]);
    }
    const entry = APPS.find((a) => a.name === app);
    if (entry) expect(fs.existsSync(path.join(dir, 'full', entry.dir, 'src/main.ts'))).toBe(true);
    if (app === 'migrate') {
      for (const service of APPS.filter((a) => fs.existsSync(path.join(ROOT, a.dir, 'prisma/migrations')))) {
        expect(fs.existsSync(path.join(dir, 'full', service.dir, 'prisma/migrations'))).toBe(true);
      }
    }
    if (app === 'ocr-engine') for (const model of ENGINE_MODELS) expect([model, fs.existsSync(path.join(dir, 'full', model))]).toEqual([model, true]);
    // The gateway's image builds the web clients it serves (its install brings their build tools); no other image does.
    const web = [`json/${WEB.dir}/package.json`, `full/${WEB.dir}/index.html`, `full/${WEB.dir}/vite.config.mts`, `full/${WEB.dir}/src`];
    for (const file of web) expect([file, fs.existsSync(path.join(dir, file))]).toEqual([file, app === WEB.servedBy]);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'json/package-lock.json'), 'utf8'));
    const others = APPS.filter((a) => a.name !== app && a.dir !== entry?.dir).map((a) => a.dir);
    expect(Object.keys(lock.packages).filter((p) => others.includes(p))).toEqual([]);
  });
});

describe('scripts/healthcheck.js', () => {
  const procNetTcp = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:D431 0100007F:1628 01 00000000:00000000 00:00000000 00000000  1000        0 1 1',
    '   1: 0100007F:D432 0100007F:18EB 06 00000000:00000000 00:00000000 00000000  1000        0 2 1',
    '   2: 00000000:1F4A 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 3 1',
  ].join('\n');

  it('finds the remote ports of established connections only', () => {
    // 0x1628 = 5672 established; 0x18EB = 6379 in TIME_WAIT; a listening socket has no remote port.
    expect([...establishedRemotePorts(procNetTcp)]).toEqual([5672]);
  });

  it('reads the broker address from RABBITMQ_URL', () => {
    expect(brokerAddress('amqp://u:p@rabbitmq:5672')).toEqual({ host: 'rabbitmq', port: 5672 });
    expect(brokerAddress('amqps://u:p@broker.example')).toEqual({ host: 'broker.example', port: 5671 });
  });
});
