import { INestApplication } from '@nestjs/common';
import { DomainError, RpcClient } from '@mediq/common';
import { testBaseConfig } from '@mediq/common/testing';
import { ErrorCode } from '@mediq/contracts';
import { randomUUID } from 'node:crypto';
import { InProcessPlatform } from '../../test/support/in-process-platform';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { authHeaders } from './support/auth';
import { createOpenInstitution } from './support/institution';
import { ApiCall, apiClient } from './support/http';
import { ScriptedOcrService } from './support/scripted-ocr-service';

/**
 * Idempotency-Key at the gateway, against the real Redis: POST /ocr/confirm through a scripted ocr
 * service that counts how often it really runs, and POST /queue through the real queue service.
 */
describe('Idempotency-Key on POST /ocr/confirm and POST /queue', () => {
  let platform: InProcessPlatform;
  let ocr: ScriptedOcrService;
  let api: ApiCall;
  let rpc: RpcClient;
  let institutionId: string;
  let serviceId: string;
  let operator: Record<string, string>;

  const confirmBody = (scanId = randomUUID()) => ({ scanId, fields: { nik: '3204125708900001', nama: 'SITI NURJANAH' }, institutionId, serviceId });
  const confirm = (key: string | undefined, body: object, headers = operator) =>
    api('POST', '/ocr/confirm', { headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}), 'x-request-id': `req-${randomUUID()}` }, body });

  beforeAll(async () => {
    platform = await InProcessPlatform.start(['institution', 'patient-queue']);
    ocr = new ScriptedOcrService();
    ocr.holdCalls = false;
    await ocr.start(platform.env);
    api = apiClient(platform.url);
    rpc = new RpcClient(testBaseConfig(platform.env));
    ({ institutionId, serviceId } = await createOpenInstitution(rpc, { code: 'B', name: 'Poli Gigi' }));
    operator = authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId });
  });

  afterAll(async () => {
    await rpc?.onApplicationShutdown();
    await ocr?.stop();
    await platform?.close();
  });

  beforeEach(() => {
    ocr.holdCalls = false;
    ocr.failWith = undefined;
  });

  it('replays the stored answer (status and body) for the same key and body, without running again', async () => {
    const key = randomUUID();
    const body = confirmBody();
    const first = await confirm(key, body);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const calls = ocr.received.length;

    // The same body with its keys in another order is the same request.
    const again = await confirm(key, { serviceId: body.serviceId, institutionId: body.institutionId, fields: body.fields, scanId: body.scanId });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(ocr.received).toHaveLength(calls);

    // Without a key every request runs.
    await confirm(undefined, body);
    expect(ocr.received).toHaveLength(calls + 1);
  });

  it('refuses the same key with a different body (422), and scopes keys per actor', async () => {
    const key = randomUUID();
    const body = confirmBody();
    expect((await confirm(key, body)).status).toBe(201);
    const calls = ocr.received.length;

    const different = await confirm(key, confirmBody());
    expect(different.status).toBe(422);
    expect(different.body).toMatchObject({
      statusCode: 422,
      message: 'This Idempotency-Key was already used with a different request body; send a new key for a new request',
      details: { reason: 'idempotency-key-reused' },
    });
    expect(ocr.received).toHaveLength(calls);

    // Another operator's identical key is theirs alone: it runs.
    const otherOperator = authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId });
    const theirs = await confirm(key, body, otherOperator);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(ocr.received).toHaveLength(calls + 1);
  });

  it('runs concurrent duplicates once: the others get 409 "in progress" until the first finishes, then its answer', async () => {
    ocr.holdCalls = true;
    const key = randomUUID();
    const body = confirmBody();
    const calls = ocr.received.length;
    const first = confirm(key, body);
    await ocr.waitForCalls(calls + 1);

    const duplicates = await Promise.all([1, 2, 3, 4].map(() => confirm(key, body)));
    expect(duplicates.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect(duplicates[0].body).toMatchObject({ statusCode: 409, details: { reason: 'idempotency-key-in-progress' } });
    expect(duplicates[0].headers.get('retry-after')).toBe('1');
    expect(ocr.received).toHaveLength(calls + 1);

    ocr.releaseAll();
    const original = await first;
    expect(original.status).toBe(201);
    const replay = await confirm(key, body);
    expect(replay.body).toEqual(original.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(ocr.received).toHaveLength(calls + 1);
  });

  it('frees the key when the request fails, so the retry runs; rejects a malformed key naming the header', async () => {
    const key = randomUUID();
    const body = confirmBody();
    ocr.failWith = new DomainError(ErrorCode.UNPROCESSABLE, 'The scan has expired');
    expect((await confirm(key, body)).status).toBe(422);
    ocr.failWith = undefined;
    const calls = ocr.received.length;
    const retry = await confirm(key, body);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(ocr.received).toHaveLength(calls + 1);

    const malformed = await confirm('short', body);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ details: { fields: { 'Idempotency-Key': 'invalid' } } });
  });

  it('replays a ticket on POST /queue: the retry gets the same ticket, not a second one', async () => {
    const key = randomUUID();
    const body = { institutionId, serviceId, patientUserId: randomUUID() };
    const headers = { ...operator, 'idempotency-key': key };
    const first = await api('POST', '/queue', { headers: { ...headers, 'x-request-id': `req-${randomUUID()}` }, body });
    const retry = await api('POST', '/queue', { headers: { ...headers, 'x-request-id': `req-${randomUUID()}` }, body });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const list = await api('GET', `/queue?institutionId=${institutionId}&serviceId=${serviceId}`, { headers: operator });
    expect(list.body.items.filter((t: { patientUserId: string }) => t.patientUserId === body.patientUserId)).toHaveLength(1);
  });

  it('refuses keyed writes with 503 while Redis is away (a replay could not be promised), and serves unkeyed ones', async () => {
    let gateway: INestApplication | undefined;
    try {
      gateway = await createGateway(loadGatewayConfig({ ...platform.env, REDIS_URL: 'redis://127.0.0.1:1' }));
      await gateway.listen(0, '127.0.0.1');
      const noRedis = apiClient(await gateway.getUrl());
      // A patient taking their own ticket: staff tokens cannot be checked against the session
      // revocation list without Redis and answer 503 before this point (gateway/test/session-revocation.int-spec.ts).
      const patient = authHeaders({ userId: randomUUID(), role: 'PASIEN' });
      const take = (headers: Record<string, string>) => noRedis('POST', '/queue', { headers: { ...patient, ...headers }, body: { institutionId, serviceId } });
      const keyed = await take({ 'idempotency-key': randomUUID() });
      expect(keyed.status).toBe(503);
      expect(keyed.body).toMatchObject({ details: { reason: 'idempotency-store-unavailable' } });
      expect((await take({})).status).toBe(201);
    } finally {
      await gateway?.close();
    }
  });
});
