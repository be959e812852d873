import { INestApplication, INestMicroservice } from '@nestjs/common';
import { applyMigrations, bootstrapService, dropDatabase, RpcClient, serviceMetricsUrl, SYSTEM_ACTOR } from '@mediq/common';
import { deleteTestTopology, testBaseConfig, testDatabaseUrl, testEnv } from '@mediq/common/testing';
import { UserContracts } from '@mediq/contracts';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { AppModule as InstitutionModule } from '../../services/institution/src/app.module';
import { loadInstitutionConfig } from '../../services/institution/src/config';
import { AppModule as UserModule } from '../../services/user/src/app.module';
import { loadUserConfig } from '../../services/user/src/config';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { MetricsListener } from '../src/metrics/metrics-listener';
import { ApiCall, apiClient, bearer, testNik } from './support/http';

interface LogLine {
  level: number;
  service: string;
  msg: string;
  requestId?: string;
  [field: string]: unknown;
}

/** Collects the JSON log lines of every app in the test. */
function logSink(lines: LogLine[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
}

/**
 * Operability through the real stack (gateway, user and institution services over RabbitMQ):
 * /metrics content on the gateway and on a service, the OpenAPI document covering every route,
 * CORS from the allow-list, and structured logs that carry the request id and no personal data.
 */
describe('operability: metrics, OpenAPI, CORS, structured logs', () => {
  const env = testEnv({ LOG_LEVEL: 'debug', CORS_ORIGINS: 'https://app.mediq.test,https://admin.mediq.test' });
  const userDatabase = testDatabaseUrl('ops_user');
  const institutionDatabase = testDatabaseUrl('ops_institution');
  const lines: LogLine[] = [];
  const patient = { nik: testNik({ female: true, day: 9 }), name: 'RATNA KUSUMAWATI' };
  let user: INestMicroservice;
  let institution: INestMicroservice;
  let gateway: INestApplication;
  let url: string;
  let api: ApiCall;
  let rpc: RpcClient;

  beforeAll(async () => {
    await Promise.all([
      applyMigrations(userDatabase, join(__dirname, '../../services/user/prisma/migrations')),
      applyMigrations(institutionDatabase, join(__dirname, '../../services/institution/prisma/migrations')),
    ]);
    const userConfig = loadUserConfig({ ...env, USER_DATABASE_URL: userDatabase });
    user = await bootstrapService({ service: 'user', module: UserModule.register(userConfig), config: userConfig, logDestination: logSink(lines) });
    const institutionConfig = loadInstitutionConfig({ ...env, INSTITUTION_DATABASE_URL: institutionDatabase, METRICS_PORT: '0' });
    institution = await bootstrapService({ service: 'institution', module: InstitutionModule.register(institutionConfig), config: institutionConfig, logDestination: logSink(lines) });
    gateway = await createGateway(loadGatewayConfig({ ...env, LOG_LEVEL: 'info' }), { logDestination: logSink(lines) });
    await gateway.listen(0, '127.0.0.1');
    url = await gateway.getUrl();
    api = apiClient(url);
    rpc = new RpcClient(testBaseConfig(env));
    await rpc.call(UserContracts.create, { role: 'PASIEN', ...patient, institutionId: randomUUID() }, { actor: SYSTEM_ACTOR });
  });

  afterAll(async () => {
    await rpc?.onApplicationShutdown();
    await gateway?.close();
    await user?.close();
    await institution?.close();
    await Promise.all([dropDatabase(userDatabase), dropDatabase(institutionDatabase)]);
    await deleteTestTopology(env);
  });

  it('logs a full request as structured lines carrying its request id, route, status, latency and user id, never the NIK or name', async () => {
    const login = await api('POST', '/auth/login/user', { headers: { 'x-request-id': 'ops-login-0001' }, body: patient });
    expect(login.status).toBe(200);
    const me = await api('GET', '/users/me', { headers: { ...bearer(login.body.accessToken), 'x-request-id': 'ops-me-0001' } });
    expect(me.status).toBe(200);
    const check = await api('GET', `/users/check-nik/${patient.nik}`, { headers: { 'x-request-id': 'ops-check-0001' } });
    expect(check.status).toBe(401);

    // Every app's lines are captured (the services' at debug level), so the checks below cover them.
    expect(new Set(lines.map((line) => line.service))).toEqual(new Set(['gateway', 'user', 'institution']));
    const loginLines = lines.filter((line) => line.requestId === 'ops-login-0001');
    expect(loginLines.find((line) => line.service === 'gateway' && line.context === 'http')).toMatchObject({
      level: 30,
      method: 'POST',
      route: '/api/auth/login/user',
      status: 200,
      latencyMs: expect.any(Number),
      msg: 'POST /api/auth/login/user 200',
    });
    const meAccess = lines.find((line) => line.requestId === 'ops-me-0001' && line.context === 'http');
    expect(meAccess).toMatchObject({ route: '/api/users/me', status: 200, userId: me.body.id });
    expect(lines.find((line) => line.requestId === 'ops-check-0001' && line.context === 'http')).toMatchObject({ route: '/api/users/check-nik/:nik', status: 401 });

    const everything = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(everything).not.toContain(patient.nik);
    expect(everything.toUpperCase()).not.toContain('RATNA');
    expect(everything.toUpperCase()).not.toContain('KUSUMAWATI');
  });

  it('serves Prometheus metrics at /metrics (outside /api): HTTP latency by route and status, RPC latency by pattern, breaker states', async () => {
    await api('GET', '/institutions');
    await api('GET', '/institutions');
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('mediq_gateway_http_request_duration_seconds_count{method="GET",route="/api/institutions",status="200"} 2');
    expect(text).toMatch(/mediq_gateway_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/institutions",status="200"\} \d/);
    expect(text).toContain('mediq_gateway_rpc_duration_seconds_count{service="institution",pattern="institution.findAll",outcome="ok"} 2');
    expect(text).toContain('mediq_gateway_rpc_duration_seconds_count{service="user",pattern="auth.login.user",outcome="ok"} 1');
    for (const service of ['user', 'institution', 'patient-queue', 'ocr', 'ocr-engine']) {
      expect(text).toContain(`mediq_gateway_circuit_breaker_state{service="${service}"} 0`);
    }
    expect(text).toContain('mediq_gateway_process_cpu_seconds_total');
    expect((await fetch(`${url}/api/metrics`)).status).toBe(404);
  });

  it('serves a service\'s own metrics on its METRICS_PORT: handled patterns by outcome and errors by code', async () => {
    await api('GET', '/institutions');
    await api('GET', `/institutions/${randomUUID()}`);
    const endpoint = serviceMetricsUrl(institution);
    expect(endpoint).toMatch(/^http:\/\/.+:\d+\/metrics$/);
    const text = await (await fetch(endpoint!)).text();
    expect(text).toMatch(/mediq_service_rpc_duration_seconds_count\{service="institution",pattern="institution\.findAll",outcome="ok"\} [1-9]/);
    expect(text).toContain('mediq_service_rpc_duration_seconds_count{service="institution",pattern="institution.findOne",outcome="NOT_FOUND"} 1');
    expect(text).toContain('mediq_service_rpc_errors_total{pattern="institution.findOne",code="NOT_FOUND",service="institution"} 1');
    expect(serviceMetricsUrl(user)).toBeUndefined();
  });

  it('serves its metrics on METRICS_PORT instead of the HTTP port when set (a cluster routes every path of the HTTP port to the public)', async () => {
    const clustered = await createGateway(loadGatewayConfig({ ...env, LOG_LEVEL: 'silent', METRICS_PORT: '0' }));
    let endpoint: string | undefined;
    try {
      await clustered.listen(0, '127.0.0.1');
      const httpUrl = await clustered.getUrl();
      expect((await apiClient(httpUrl)('GET', '/institutions')).status).toBe(200);
      endpoint = clustered.get(MetricsListener).url;
      expect(endpoint).toMatch(/^http:\/\/.+:\d+\/metrics$/);
      const scrape = await fetch(endpoint!);
      expect(scrape.headers.get('content-type')).toContain('text/plain');
      expect(await scrape.text()).toContain('mediq_gateway_http_request_duration_seconds_count{method="GET",route="/api/institutions",status="200"} 1');
      // The HTTP port answers /metrics like any unknown path: 404, or the web app's index.html when it is built.
      expect(await (await fetch(`${httpUrl}/metrics`)).text()).not.toContain('mediq_gateway_');
    } finally {
      await clustered.close();
    }
    // Closing the gateway closes its metrics listener.
    await expect(fetch(endpoint!)).rejects.toThrow();
  });

  it('documents every registered route in the OpenAPI document, with auth schemes and the error body', async () => {
    const response = await fetch(`${url}/api/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { security?: object[]; responses: Record<string, { content?: Record<string, { schema: unknown; example?: unknown }> }>; parameters?: Array<{ name: string; in: string }> }>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    const documented = new Set(Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)));

    const router = (gateway.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router;
    const registered = router.stack
      // Nest mounts path-wide middleware as a route for every HTTP method: not an operation.
      .filter((layer) => layer.route && !layer.route.methods['m-search'])
      .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`))
      // Not API operations: the documentation itself and the web app's static fallback.
      .filter((route) => !/ \/api\/docs/.test(route) && !route.includes('{*'));
    expect(registered.length).toBeGreaterThan(40);
    expect(registered.filter((route) => !documented.has(route))).toEqual([]);

    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'x-api-key']);
    expect(document.components.schemas.ErrorResponseDto).toBeDefined();
    const addTicket = document.paths['/api/queue'].post;
    expect(addTicket.security).toEqual([{ bearer: [] }, { 'x-api-key': [] }]);
    expect(addTicket.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    for (const status of ['400', '401', '403', '409', '422', '429', '500', '503']) {
      expect(addTicket.responses[status].content!['application/json']).toMatchObject({
        schema: { allOf: [{ $ref: '#/components/schemas/ErrorResponseDto' }, { properties: { code: { enum: expect.any(Array) } } }] },
        example: { statusCode: Number(status) },
      });
    }
    // Each status lists its codes: the generic one and the route's own.
    const codesOf = (path: string, method: string, status: string) =>
      (document.paths[path][method].responses[status].content!['application/json'].schema as { allOf: Array<{ properties?: { code: { enum: string[] } } }> }).allOf[1].properties!.code.enum;
    expect(codesOf('/api/queue', 'post', '422')).toEqual(expect.arrayContaining(['UNPROCESSABLE', 'SERVICE_CLOSED']));
    expect(codesOf('/api/queue', 'post', '409')).toEqual(expect.arrayContaining(['CONFLICT', 'QUOTA_EXCEEDED']));
    expect(codesOf('/api/queue', 'post', '401')).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'TOKEN_INVALID', 'SESSION_ENDED']));
    expect(codesOf('/api/auth/login/admin', 'post', '429')).toEqual(expect.arrayContaining(['TOO_MANY_REQUESTS', 'LOCKED_OUT']));
    expect(codesOf('/api/auth/login/admin', 'post', '403')).toEqual(['PASSWORD_CHANGE_REQUIRED']);
    expect(codesOf('/api/users/staff', 'post', '400')).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'WEAK_PASSWORD']));
    expect(document.paths['/api/auth/login/admin'].post.responses['429']).toMatchObject({ description: expect.stringContaining('`LOCKED_OUT`') });

    // A nullable string is a string that may be null, never an untyped object.
    const schemas = document.components.schemas as Record<string, { properties?: Record<string, { type?: string; nullable?: boolean; properties?: object; additionalProperties?: unknown }> }>;
    const untyped = Object.entries(schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => property.type === 'object' && !property.properties && property.additionalProperties === undefined)
        .map(([property]) => `${name}.${property}`),
    );
    expect(untyped).toEqual([]);
    expect(schemas.UpdateUserDto.properties!.address).toMatchObject({ type: 'string', nullable: true });
    expect(schemas.UpdateInstitutionDto.properties!.email).toMatchObject({ type: 'string', nullable: true });
    expect(schemas.CreateServiceDto.properties!.dailyQuota).toMatchObject({ type: 'integer', nullable: true });
    expect(document.paths['/api/institutions'].get.security).toBeUndefined();
    expect(document.paths['/api/institutions'].get.responses['401']).toBeUndefined();
    expect(document.paths['/api/users'].get.security).toEqual([{ bearer: [] }]);

    const ui = await fetch(`${url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
  });

  it('answers CORS only for allow-listed origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${url}/api/queue`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key' } });
    const allowed = await preflight('https://app.mediq.test');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.mediq.test');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${url}/api/health/live`, { headers: { origin: 'https://admin.mediq.test' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://admin.mediq.test');
    expect(simple.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });
});
