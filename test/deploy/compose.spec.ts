import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { variablesToProvide } from './support/app-config';
import { ofKind } from './support/render';
import { APPS, ROOT } from './support/repo';

/* eslint-disable @typescript-eslint/no-explicit-any */
const load = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), 'utf8'), { merge: true });
const INIT_SCRIPT = 'k8s/base/infrastructure/mysql-init.sh';

describe('docker-compose.infrastructure.yml', () => {
  const { services, volumes } = load('docker-compose.infrastructure.yml');

  it('runs MySQL 8, Redis and RabbitMQ with the management plugin, health checks and volumes', () => {
    expect(Object.keys(services).sort()).toEqual(['mysql', 'rabbitmq', 'redis']);
    expect(services.mysql.image).toMatch(/^mysql:8\.\d+\.\d+$/);
    expect(services.rabbitmq.image).toMatch(/^rabbitmq:\d+\.\d+\.\d+-management$/);
    for (const [name, service] of Object.entries<any>(services)) {
      expect([name, service.healthcheck?.test?.length > 0]).toEqual([name, true]);
      const named = service.volumes.map((v: string) => v.split(':')[0]).filter((v: string) => v in volumes);
      expect([name, named.length]).toEqual([name, 1]);
      expect(service.ports.every((p: string) => p.startsWith('127.0.0.1:'))).toBe(true);
    }
    expect(services.mysql.volumes).toContain(`./${INIT_SCRIPT}:/docker-entrypoint-initdb.d/10-mediq-databases.sh:ro`);
  });

  it('uses the same infrastructure images as the Kubernetes StatefulSets', () => {
    const rendered = execFileSync('kubectl', ['kustomize', path.join(ROOT, 'k8s/base')], { encoding: 'utf8' });
    const sets = ofKind(
      rendered.split(/^---$/m).map((doc) => parse(doc)),
      'StatefulSet',
    );
    for (const name of Object.keys(services)) {
      const set = sets.find((s) => s.metadata.name === name)!;
      expect([name, set.spec.template.spec.containers[0].image]).toEqual([name, services[name].image]);
    }
  });
});

describe('the MySQL init script', () => {
  const fakeBin = fs.mkdtempSync(path.join(os.tmpdir(), 'mediq-mysql-'));
  fs.writeFileSync(path.join(fakeBin, 'mysql'), '#!/bin/sh\ncat\n', { mode: 0o755 });
  afterAll(() => fs.rmSync(fakeBin, { recursive: true, force: true }));
  const passwords = {
    MEDIQ_MIGRATE_DB_PASSWORD: 'pw-migrate',
    MEDIQ_USER_DB_PASSWORD: 'pw-user',
    MEDIQ_INSTITUTION_DB_PASSWORD: 'pw-institution',
    MEDIQ_QUEUE_DB_PASSWORD: 'pw-queue',
    MEDIQ_OCR_DB_PASSWORD: 'pw-ocr',
  };
  const runInit = (env: Record<string, string>) =>
    spawnSync('sh', [path.join(ROOT, INIT_SCRIPT)], { env: { PATH: `${fakeBin}:${process.env.PATH}`, ...env }, encoding: 'utf8' });

  it("creates every service's database and a user that may only read and write it", () => {
    const { stdout, status } = runInit(passwords);
    expect(status).toBe(0);
    for (const app of APPS.filter((a) => a.database)) {
      expect(stdout).toContain(`CREATE DATABASE IF NOT EXISTS \`${app.database}\``);
      expect(stdout).toContain(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${app.database}\`.* TO '${app.database}'@'%';`);
      expect(stdout).toContain(`GRANT ALL PRIVILEGES ON \`${app.database}\`.* TO 'mediq_migrate'@'%';`);
    }
    expect(stdout.match(/GRANT [^\n]* TO '(mediq_user|mediq_ocr)'/g)).toHaveLength(2);
  });

  it('refuses a missing password or one that would break out of the SQL string', () => {
    expect(runInit({ ...passwords, MEDIQ_OCR_DB_PASSWORD: '' }).stderr).toContain('MEDIQ_OCR_DB_PASSWORD is not set');
    const quoted = runInit({ ...passwords, MEDIQ_USER_DB_PASSWORD: "x'; DROP USER root; --" });
    expect(quoted.status).toBe(1);
    expect(quoted.stdout).toBe('');
  });
});

describe('docker-compose.yml', () => {
  const compose = load('docker-compose.yml');

  it('includes the infrastructure and runs every app and the migration from the one Dockerfile', () => {
    expect(compose.include).toEqual(['docker-compose.infrastructure.yml']);
    for (const name of [...APPS.map((a) => a.name), 'migrate']) {
      const service = compose.services[name];
      expect([name, service?.build]).toEqual([name, { context: '.', args: { APP: name } }]);
      expect(service.image).toBe(`mediq/${name}:\${MEDIQ_TAG:-local}`);
    }
    expect(compose.services.migrate.command).toEqual(['node', '/app/scripts/migrate.js']);
    expect(compose.services.gateway.ports).toEqual(['${GATEWAY_PUBLISHED_PORT:-8601}:8601']);
  });

  it.each(APPS.map((a) => a.name))('%s: hardened, after the migration, with every variable its config needs', (name) => {
    const app = APPS.find((a) => a.name === name)!;
    const service = compose.services[name];
    expect(service).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
    expect(service.depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
    const needed = [...variablesToProvide(app).map((v) => v.name), ...(app.databaseEnv ? [app.databaseEnv] : [])];
    expect(needed.filter((variable) => !(variable in service.environment))).toEqual([]);
  });
});
