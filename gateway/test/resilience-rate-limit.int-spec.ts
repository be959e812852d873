import { INestApplication } from '@nestjs/common';
import { deleteTestTopology, testEnv } from '@mediq/common/testing';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { authHeaders } from './support/auth';
import { ApiCall, apiClient } from './support/http';

/**
 * Rate limits counted in the real Redis: per client IP, shared by every gateway replica, a
 * stricter limit on sign-in and upload routes, 429 with Retry-After in the one error format, and
 * requests let through when Redis is away. No service runs: the limits act before any call.
 */
describe('rate limits (two gateway replicas sharing Redis)', () => {
  const env = testEnv({ RATE_LIMIT_GLOBAL: '12', RATE_LIMIT_LOGIN: '3', RATE_LIMIT_UPLOAD: '2', RATE_LIMIT_WINDOW_SECONDS: '60', RPC_TIMEOUT_MS: '300' });
  let replicas: INestApplication[] = [];
  let apis: ApiCall[];

  const start = async (overrides: Record<string, string> = {}, logDestination?: Writable) => {
    const gateway = await createGateway(loadGatewayConfig({ ...env, ...overrides }), { logDestination });
    await gateway.listen(0, '127.0.0.1');
    replicas.push(gateway);
    return apiClient(await gateway.getUrl());
  };

  beforeEach(async () => {
    // A fresh key namespace per test: each starts with empty counters.
    env.RMQ_PREFIX = `t${randomUUID().slice(0, 8)}.`;
    apis = [await start(), await start()];
  });

  afterEach(async () => {
    await Promise.all(replicas.map((gateway) => gateway.close()));
    replicas = [];
  });

  afterAll(() => deleteTestTopology(env));

  it('limits sign-in per address across replicas: 429 with Retry-After in the one error format once over the login limit', async () => {
    const attempts = [];
    for (let i = 0; i < 3; i++) attempts.push(await apis[i % 2]('POST', '/auth/login/admin', { body: {} }));
    expect(attempts.map((r) => r.status)).toEqual([400, 400, 400]);

    const limited = await apis[1]('POST', '/auth/login/user', { body: {}, headers: { 'x-request-id': 'rate-limited-login-1' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/^Too many login requests from this address; try again in \d+ s$/),
      requestId: 'rate-limited-login-1',
      details: { policy: 'login', limit: 3, windowSeconds: 60 },
    });
    // Other routes still answer: only the global limit counts them.
    expect((await apis[0]('GET', '/health/live')).status).toBe(200);
  });

  it('limits uploads per address after authentication', async () => {
    const operator = authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId: randomUUID() });
    expect((await apis[0]('POST', '/ocr/upload', { headers: operator })).status).toBe(400);
    expect((await apis[1]('POST', '/ocr/upload', { headers: operator })).status).toBe(400);
    const limited = await apis[0]('POST', '/ocr/upload', { headers: operator });
    expect(limited.status).toBe(429);
    expect(limited.body.details).toEqual({ policy: 'upload', limit: 2, windowSeconds: 60 });
  });

  it('applies the global per-address limit to every route, even unknown ones and bad credentials', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const path = ['/health/live', '/nothing-here', '/queue/my-queue'][i % 3];
      statuses.push((await apis[i % 2]('GET', path, { headers: { authorization: 'Bearer not-a-token' } })).status);
    }
    expect(statuses).not.toContain(429);
    const limited = await apis[0]('GET', '/health/live');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, details: { policy: 'global', limit: 12 } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const metrics = await fetch(`${await replicas[0].getUrl()}/metrics`);
    // /metrics itself is over the limit for this address too: the scrape shows it.
    expect(metrics.status).toBe(429);
  });

  it('lets requests through when Redis is down, and says so in the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const api = await start({ REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'warn' }, sink);
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await api('GET', '/health/live')).status);
    expect(statuses).toEqual(Array(15).fill(200));
    const warnings = lines.map((line) => JSON.parse(line)).filter((entry) => entry.event === 'rate-limit-store');
    expect(warnings).toEqual([expect.objectContaining({ level: 40, state: 'down', msg: expect.stringContaining('rate limits not enforced') })]);
  });
});
