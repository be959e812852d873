import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase } from '@mediq/common';
import { deleteTestTopology, testDatabaseUrl, testEnv } from '@mediq/common/testing';
import { emulateBuild } from './support/emulate-build';
import { ROOT } from './support/repo';

/**
 * The Dockerfile's stages run for real for one app (institution: a database, Redis and RabbitMQ),
 * without a Docker engine: the pruned install, the build, the production bundle, then the runtime
 * layout starts with the image's command and answers the image's HEALTHCHECK.
 */
jest.setTimeout(15 * 60_000);

describe('the Dockerfile built for APP=institution without an engine', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mediq-image-'));
  const databaseUrl = testDatabaseUrl('image_build');
  const env = testEnv({ INSTITUTION_DATABASE_URL: databaseUrl });
  const output: string[] = [];
  let app: string;
  let imageEnv: Record<string, string>;
  let service: ChildProcess | undefined;

  beforeAll(() => {
    const roots = emulateBuild(work, { APP: 'institution' }, (line) => output.push(line));
    app = path.join(roots.runtime, 'app');
    imageEnv = JSON.parse(fs.readFileSync(path.join(roots.runtime, '.emulated-env.json'), 'utf8'));
  });

  afterAll(async () => {
    service?.kill('SIGKILL');
    await dropDatabase(databaseUrl);
    await deleteTestTopology(env);
    fs.rmSync(work, { recursive: true, force: true });
  });

  const healthcheck = (mode: string) =>
    spawnSync('node', [path.join(app, 'scripts/healthcheck.js'), mode], { cwd: path.join(app, 'current'), env: { PATH: process.env.PATH, ...imageEnv, ...env }, encoding: 'utf8' });

  it('leaves a runtime tree with the built app and production dependencies only', () => {
    expect(fs.realpathSync(path.join(app, 'current'))).toBe(fs.realpathSync(path.join(app, 'services/institution')));
    for (const file of ['current/dist/main.js', 'current/dist/generated/prisma/client.js', 'packages/common/dist/index.js', 'packages/contracts/dist/index.js', 'scripts/healthcheck.js', 'scripts/migrate.js', 'node_modules/@nestjs/core/package.json']) {
      expect([file, fs.existsSync(path.join(app, file))]).toEqual([file, true]);
    }
    for (const file of ['node_modules/jest', 'node_modules/turbo', 'node_modules/@swc/core', 'services/institution/src', 'services/user', 'gateway', 'node_modules/onnxruntime-node']) {
      expect([file, fs.existsSync(path.join(app, file))]).toEqual([file, false]);
    }
    expect(imageEnv).toMatchObject({ NODE_ENV: 'production', MEDIQ_APP: 'institution' });
  });

  it('migrates with the bundled migrator, starts with the image command and turns healthy, then unhealthy when stopped', async () => {
    const migrated = execFileSync('node', ['scripts/migrate.js'], { cwd: app, env: { PATH: process.env.PATH, ...imageEnv, ...env }, encoding: 'utf8' });
    expect(migrated).toMatch(/^institution: mediq_test_image_build_\w+ applied \d{14}_init/m);
    expect(healthcheck('ready').status).toBe(1);

    service = spawn('node', ['dist/main.js'], { cwd: path.join(app, 'current'), env: { PATH: process.env.PATH, ...imageEnv, ...env } });
    service.stdout!.on('data', (chunk) => output.push(String(chunk)));
    service.stderr!.on('data', (chunk) => output.push(String(chunk)));
    let ready = healthcheck('ready');
    for (let attempt = 0; attempt < 60 && ready.status !== 0 && service.exitCode === null; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      ready = healthcheck('ready');
    }
    if (ready.status !== 0) throw new Error(`not healthy: ${ready.stderr}\n${output.join('')}`);
    expect(healthcheck('live').status).toBe(0);

    const exited = new Promise((resolve) => service!.once('exit', resolve));
    service.kill('SIGTERM');
    await exited;
    expect(healthcheck('ready').status).toBe(1);
  });

  it('ran the same commands the Dockerfile lists', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const runs = output.filter((line) => line.startsWith('RUN ')).map((line) => line.slice(4));
    expect(runs).toEqual([...dockerfile.matchAll(/^RUN (.+)$/gm)].map((m) => m[1]));
    expect(execFileSync('node', ['-e', 'process.stdout.write(process.version)'], { encoding: 'utf8' })).toMatch(/^v20\./);
  });
});
