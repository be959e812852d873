import { INestApplication, INestMicroservice } from '@nestjs/common';
import { applyMigrations, bootstrapService, dropDatabase } from '@mediq/common';
import { deleteTestTopology, testDatabaseUrl, testEnv } from '@mediq/common/testing';
import { join } from 'node:path';
import { AppModule as InstitutionModule } from '../../services/institution/src/app.module';
import { loadInstitutionConfig } from '../../services/institution/src/config';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { GatewayHealth } from '../src/health/health.service';

describe('GET /api/health (gateway + institution service over RabbitMQ)', () => {
  const env = testEnv();
  const databaseUrl = testDatabaseUrl('gateway_health');
  let institution: INestMicroservice;
  let gateway: INestApplication;
  let url: string;

  beforeAll(async () => {
    await applyMigrations(databaseUrl, join(__dirname, '../../services/institution/prisma/migrations'));
    const institutionConfig = loadInstitutionConfig({ ...env, INSTITUTION_DATABASE_URL: databaseUrl });
    institution = await bootstrapService({ service: 'institution', module: InstitutionModule.register(institutionConfig), config: institutionConfig });
    gateway = await createGateway(loadGatewayConfig({ ...env, RPC_TIMEOUT_MS: '1000' }));
    await gateway.listen(0, '127.0.0.1');
    url = await gateway.getUrl();
  });

  afterAll(async () => {
    await gateway?.close();
    await institution?.close();
    await dropDatabase(databaseUrl);
    await deleteTestTopology(env);
  });

  it('reports each service: the running one up with its database, the absent ones down, overall 503', async () => {
    const response = await fetch(`${url}/api/health`);
    const body = (await response.json()) as GatewayHealth;
    expect(response.status).toBe(503);
    expect(body.status).toBe('down');
    expect(body.gateway).toMatchObject({ status: 'up', dependencies: { rabbitmq: { status: 'up' }, redis: { status: 'up' } } });
    expect(body.services.institution).toMatchObject({ status: 'up', report: { dependencies: { database: { status: 'up' } } } });
    expect(body.services.user).toMatchObject({ status: 'down' });
  });

  it('answers liveness and readiness without the services', async () => {
    expect((await fetch(`${url}/api/health/live`)).status).toBe(200);
    expect((await fetch(`${url}/api/health/ready`)).status).toBe(200);
  });

  it('echoes a caller-supplied request id and makes one otherwise', async () => {
    const echoed = await fetch(`${url}/api/health/live`, { headers: { 'x-request-id': 'kiosk-42-abcdef' } });
    expect(echoed.headers.get('x-request-id')).toBe('kiosk-42-abcdef');
    const made = await fetch(`${url}/api/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes in the one error format', async () => {
    const response = await fetch(`${url}/api/nothing-here`, { headers: { 'x-request-id': 'req-not-found-1' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Cannot GET /api/nothing-here',
      requestId: 'req-not-found-1',
    });
  });
});
