import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase } from '@mediq/common';
import { deleteTestTopology, testDatabaseUrl, testEnv } from '@mediq/common/testing';
import { emulateBuild } from './support/emulate-build';
import { ROOT } from './support/repo';

/**
 * The Dockerfile's stages run for real, without a Docker engine, for two apps: institution (a
 * database, Redis and RabbitMQ) and the gateway (with the web clients). The pruned install, the
 * build, the production bundle; then the runtime layout starts with the image's command and answers
 * the image's HEALTHCHECK.
 */
jest.setTimeout(15 * 60_000);

/** The runtime stage of the Dockerfile built for `APP` in `work`: its /app, its ENV, and the build's log. */
function buildImage(work: string, app: string): { root: string; imageEnv: Record<string, string>; output: string[] } {
  const output: string[] = [];
  const roots = emulateBuild(work, { APP: app }, (line) => output.push(line));
  return {
    root: path.join(roots.runtime, 'app'),
    imageEnv: JSON.parse(fs.readFileSync(path.join(roots.runtime, '.emulated-env.json'), 'utf8')),
    output,
  };
}

/** The image's command, in its working directory, with its ENV and `env`; its output goes to `output`. */
function startImage(root: string, env: Record<string, string | undefined>, output: string[]): ChildProcess {
  const child = spawn('node', ['dist/main.js'], { cwd: path.join(root, 'current'), env: { PATH: process.env.PATH, ...env } });
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  return child;
}

/** The image's HEALTHCHECK (`node /app/scripts/healthcheck.js <mode>`), run once. */
function healthcheck(root: string, env: Record<string, string | undefined>, mode: 'live' | 'ready') {
  return spawnSync('node', [path.join(root, 'scripts/healthcheck.js'), mode], { cwd: path.join(root, 'current'), env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
}

/** Waits until the HEALTHCHECK passes, or fails with the app's output when it never does or the app exits. */
async function becomesHealthy(root: string, env: Record<string, string | undefined>, app: ChildProcess, output: string[]): Promise<void> {
  let ready = healthcheck(root, env, 'ready');
  for (let attempt = 0; attempt < 60 && ready.status !== 0 && app.exitCode === null; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    ready = healthcheck(root, env, 'ready');
  }
  if (ready.status !== 0) throw new Error(`not healthy: ${ready.stderr}\n${output.join('')}`);
}

async function stop(app: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGTERM');
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the Dockerfile built for APP=institution without an engine', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mediq-image-'));
  const databaseUrl = testDatabaseUrl('image_build');
  const env = testEnv({ INSTITUTION_DATABASE_URL: databaseUrl });
  let image: ReturnType<typeof buildImage>;
  let runEnv: Record<string, string | undefined>;
  let service: ChildProcess | undefined;

  beforeAll(() => {
    image = buildImage(work, 'institution');
    runEnv = { ...image.imageEnv, ...env };
  });

  afterAll(async () => {
    service?.kill('SIGKILL');
    await dropDatabase(databaseUrl);
    await deleteTestTopology(env);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('leaves a runtime tree with the built app and production dependencies only', () => {
    const app = image.root;
    expect(fs.realpathSync(path.join(app, 'current'))).toBe(fs.realpathSync(path.join(app, 'services/institution')));
    for (const file of ['current/dist/main.js', 'current/dist/generated/prisma/client.js', 'packages/common/dist/index.js', 'packages/contracts/dist/index.js', 'scripts/healthcheck.js', 'scripts/migrate.js', 'node_modules/@nestjs/core/package.json']) {
      expect([file, fs.existsSync(path.join(app, file))]).toEqual([file, true]);
    }
    for (const file of ['node_modules/jest', 'node_modules/turbo', 'node_modules/@swc/core', 'services/institution/src', 'services/user', 'gateway', 'web', 'node_modules/onnxruntime-node']) {
      expect([file, fs.existsSync(path.join(app, file))]).toEqual([file, false]);
    }
    expect(image.imageEnv).toMatchObject({ NODE_ENV: 'production', MEDIQ_APP: 'institution' });
  });

  it('migrates with the bundled migrator, starts with the image command and turns healthy, then unhealthy when stopped', async () => {
    const migrated = execFileSync('node', ['scripts/migrate.js'], { cwd: image.root, env: { PATH: process.env.PATH, ...runEnv }, encoding: 'utf8' });
    expect(migrated).toMatch(/^institution: mediq_test_image_build_\w+ applied \d{14}_init/m);
    expect(healthcheck(image.root, runEnv, 'ready').status).toBe(1);

    service = startImage(image.root, runEnv, image.output);
    await becomesHealthy(image.root, runEnv, service, image.output);
    expect(healthcheck(image.root, runEnv, 'live').status).toBe(0);

    await stop(service);
    expect(healthcheck(image.root, runEnv, 'ready').status).toBe(1);
  });

  it('ran the same commands the Dockerfile lists', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const runs = image.output.filter((line) => line.startsWith('RUN ')).map((line) => line.slice(4));
    expect(runs).toEqual([...dockerfile.matchAll(/^RUN (.+)$/gm)].map((m) => m[1]));
    expect(execFileSync('node', ['-e', 'process.stdout.write(process.version)'], { encoding: 'utf8' })).toMatch(/^v20\./);
  });
});

describe('the Dockerfile built for APP=gateway without an engine', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mediq-image-'));
  const env = testEnv();
  let image: ReturnType<typeof buildImage>;
  let gateway: ChildProcess | undefined;

  beforeAll(() => {
    image = buildImage(work, 'gateway');
  });

  afterAll(async () => {
    gateway?.kill('SIGKILL');
    await deleteTestTopology(env);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('carries the built web clients in web/dist, where the gateway looks for them, without their packages or sources', () => {
    const app = image.root;
    expect(fs.realpathSync(path.join(app, 'current'))).toBe(fs.realpathSync(path.join(app, 'gateway')));
    const assets = fs.readdirSync(path.join(app, 'web/dist/assets'));
    expect(assets.some((file) => file.endsWith('.js'))).toBe(true);
    for (const file of ['current/dist/main.js', 'current/dist/web/web-static.js', 'web/dist/index.html', 'node_modules/@nestjs/serve-static/package.json']) {
      expect([file, fs.existsSync(path.join(app, file))]).toEqual([file, true]);
    }
    // The web's packages run in the browser, bundled into dist: neither they nor its build tools are in the image.
    for (const file of ['web/src', 'web/package.json', 'web/node_modules', 'node_modules/@mediq/web', 'node_modules/chart.js', 'node_modules/react-router', 'node_modules/vite', 'node_modules/turbo', 'services']) {
      expect([file, fs.existsSync(path.join(app, file))]).toEqual([file, false]);
    }
    expect(image.imageEnv).toMatchObject({ NODE_ENV: 'production', MEDIQ_APP: 'gateway' });
  });

  it('starts with the image command, turns healthy and serves the web app at / and the metrics on METRICS_PORT, as in the cluster', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const runEnv = {
      ...image.imageEnv,
      ...env,
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
      JWT_ACCESS_SECRET: randomBytes(32).toString('base64url'),
    };
    gateway = startImage(image.root, runEnv, image.output);
    await becomesHealthy(image.root, runEnv, gateway, image.output);

    const page = await fetch(`http://127.0.0.1:${port}/kiosk`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toBe(fs.readFileSync(path.join(image.root, 'web/dist/index.html'), 'utf8'));
    const script = html.match(/<script[^>]+src="(\/assets\/[^"]+\.js)"/)![1];
    const asset = await fetch(`http://127.0.0.1:${port}${script}`);
    expect([asset.status, asset.headers.get('content-type')]).toEqual([200, expect.stringContaining('javascript')]);
    expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).toContain('mediq_gateway_http_request_duration_seconds_count');

    await stop(gateway);
    expect(healthcheck(image.root, runEnv, 'ready').status).toBe(1);
  });
});
