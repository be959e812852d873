import { INestApplication } from '@nestjs/common';
import { deleteTestTopology, testEnv } from '@mediq/common/testing';
import { randomUUID } from 'node:crypto';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { authHeaders } from './support/auth';
import { ScriptedOcrService } from './support/scripted-ocr-service';

/**
 * One error format for every class of error, whatever raised it (validation, guard, body parser,
 * upload limit, a service's typed error, an unexpected service failure, a timeout, an open
 * breaker): `{statusCode, error, message, requestId}`, the caller's request id echoed, never a
 * stack or an internal message.
 */
describe('one error format for every error class (gateway + a scripted ocr service)', () => {
  const env = testEnv({ RPC_TIMEOUT_MS: '300', BREAKER_VOLUME_THRESHOLD: '2', BREAKER_RESET_TIMEOUT_MS: '60000', RPC_RETRY_ATTEMPTS: '0' });
  const institutionId = randomUUID();
  const operator = authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId });
  const patient = authHeaders({ userId: randomUUID(), role: 'PASIEN' });
  let gateway: INestApplication;
  let url: string;
  let ocr: ScriptedOcrService;
  let serial = 0;

  /** Sends with a fresh x-request-id and checks the body is exactly the one error format for `status`. */
  const expectError = async (status: number, code: string, send: (headers: Record<string, string>) => Promise<Response>) => {
    const requestId = `errors-${++serial}-${randomUUID().slice(0, 8)}`;
    const response = await send({ 'x-request-id': requestId });
    const body = (await response.json()) as { details?: Record<string, unknown> } & Record<string, unknown>;
    expect(response.status).toBe(status);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(['code', 'message', 'requestId', 'statusCode']));
    expect(Object.keys(body).every((key) => ['statusCode', 'code', 'message', 'requestId', 'details'].includes(key))).toBe(true);
    expect(body).toMatchObject({ statusCode: status, code, requestId });
    expect(typeof body.message).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+|stack/i);
    return { body, headers: response.headers };
  };
  const json = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${url}/api${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  const confirmBody = () => ({ scanId: randomUUID(), fields: { nik: '3204125708900001', nama: 'SITI NURJANAH' }, institutionId, serviceId: randomUUID() });

  beforeAll(async () => {
    ocr = new ScriptedOcrService();
    ocr.holdCalls = false;
    await ocr.start(env);
    gateway = await createGateway(loadGatewayConfig(env));
    await gateway.listen(0, '127.0.0.1');
    url = await gateway.getUrl();
  });

  afterAll(async () => {
    await gateway?.close();
    await ocr?.stop();
    await deleteTestTopology(env);
  });

  it('400: validation names the fields; malformed JSON is a 400 too', async () => {
    const invalid = await expectError(400, 'VALIDATION_FAILED', (h) => json('POST', '/queue', { institutionId: 'nope', extra: 1 }, { ...operator, ...h }));
    expect(invalid.body.details?.errors).toEqual(expect.arrayContaining(['institutionId must be a UUID', 'property extra should not exist']));
    await expectError(400, 'VALIDATION_FAILED', (h) => json('POST', '/queue', '{"institutionId": ', { ...operator, ...h }));
  });

  it('401 without credentials, 403 with the wrong role, 404 for an unknown route', async () => {
    await expectError(401, 'UNAUTHENTICATED', (h) => json('POST', '/queue', {}, h));
    await expectError(403, 'FORBIDDEN', (h) => fetch(`${url}/api/queue?institutionId=${institutionId}`, { headers: { ...patient, ...h } }));
    await expectError(404, 'NOT_FOUND', (h) => fetch(`${url}/api/no-such-route`, { headers: h }));
  });

  it('400 for JSON nested deeper than 32 levels or with more than 1000 keys, before anything parses it (a public route)', async () => {
    const nested = '['.repeat(40_000) + ']'.repeat(40_000);
    const deep = await expectError(400, 'VALIDATION_FAILED', (h) => json('POST', '/auth/login/admin', nested, h));
    expect(deep.body).toMatchObject({ message: 'The request body nests deeper than 32 levels', details: { body: { limit: 'depth', max: 32 } } });
    const nestedObjects = '{"a":'.repeat(33) + '1' + '}'.repeat(33);
    await expectError(400, 'VALIDATION_FAILED', (h) => json('POST', '/auth/login/admin', nestedObjects, h));
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i])));
    const keys = await expectError(400, 'VALIDATION_FAILED', (h) => json('POST', '/auth/login/admin', wide, h));
    expect(keys.body.details).toEqual({ body: { limit: 'keys', max: 1000 } });
    // 32 levels is still a body (the DTO then judges it).
    const fine = await expectError(400, 'VALIDATION_FAILED', (h) => json('POST', '/auth/login/admin', '{"email":' + '['.repeat(31) + ']'.repeat(31) + '}', h));
    expect(fine.body.details).toMatchObject({ errors: expect.arrayContaining(['email must be a string']) });
  });

  it('413 for a JSON body over 100 KB and an upload over 10 MB', async () => {
    const big = { notes: 'x'.repeat(150 * 1024) };
    await expectError(413, 'PAYLOAD_TOO_LARGE', (h) => json('POST', '/queue', big, { ...operator, ...h }));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(10 * 1024 * 1024 + 1)], { type: 'image/jpeg' }), 'card.jpg');
    await expectError(413, 'PAYLOAD_TOO_LARGE', (h) => fetch(`${url}/api/ocr/upload`, { method: 'POST', headers: { ...operator, ...h }, body: form }));
  });

  it("a service's typed error keeps its status; an unexpected one is a 500 without its internals", async () => {
    const { DomainError } = await import('@mediq/common');
    const { ErrorCode } = await import('@mediq/contracts');
    ocr.failWith = new DomainError(ErrorCode.CONFLICT, 'This scan was cancelled');
    const conflict = await expectError(409, 'CONFLICT', (h) => json('POST', '/ocr/confirm', confirmBody(), { ...operator, ...h }));
    expect(conflict.body.message).toBe('This scan was cancelled');

    ocr.failWith = new Error('connection to 10.0.0.7 refused; password=hunter2') as never;
    const internal = await expectError(500, 'INTERNAL', (h) => json('POST', '/ocr/confirm', confirmBody(), { ...operator, ...h }));
    expect(internal.body.message).toBe('An unexpected error occurred');
    ocr.failWith = undefined;
  });

  it('504 with Retry-After when a service does not answer, then 503 once its breaker opens', async () => {
    // No institution service runs: calls wait for their timeout.
    const timedOut = await expectError(504, 'TIMEOUT', (h) => fetch(`${url}/api/institutions`, { headers: h }));
    expect(timedOut.body.message).toBe('institution did not answer within 300 ms');
    expect(timedOut.headers.get('retry-after')).toBe('5');
    await fetch(`${url}/api/institutions`);
    const open = await expectError(503, 'SERVICE_UNAVAILABLE', (h) => fetch(`${url}/api/institutions`, { headers: h }));
    expect(open.body).toMatchObject({ message: 'institution is temporarily unavailable', details: { service: 'institution', reason: 'circuit-open' } });
    expect(open.headers.get('retry-after')).toBe('5');
  });
});
