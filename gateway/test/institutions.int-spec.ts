import { INestApplication, INestMicroservice } from '@nestjs/common';
import { applyMigrations, bootstrapService, dropDatabase } from '@mediq/common';
import { deleteTestTopology, testDatabaseUrl, testEnv } from '@mediq/common/testing';
import { join } from 'node:path';
import { AppModule as InstitutionModule } from '../../services/institution/src/app.module';
import { loadInstitutionConfig } from '../../services/institution/src/config';
import { InstitutionCache } from '../../services/institution/src/repositories/institution-cache';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { authHeaders, TestIdentity } from './support/auth';

describe('/api/institutions (gateway + institution service over RabbitMQ)', () => {
  const env = testEnv();
  const databaseUrl = testDatabaseUrl('gateway_institutions');
  let institution: INestMicroservice;
  let gateway: INestApplication;
  let url: string;

  const platformAdmin: TestIdentity = { userId: 'platform-admin', role: 'ADMIN_FASKES' };
  const operator: TestIdentity = { userId: 'operator', role: 'OPERATOR', institutionId: '11111111-1111-4111-8111-111111111111' };
  const adminOf = (institutionId: string): TestIdentity => ({ userId: `admin-${institutionId}`, role: 'ADMIN_FASKES', institutionId });

  async function send(method: string, path: string, options: { as?: TestIdentity; body?: unknown } = {}) {
    const response = await fetch(`${url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(options.as ? authHeaders(options.as) : {}) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    // The tests read JSON bodies of several shapes; `any` keeps the assertions short.
    return { status: response.status, body: (await response.json()) as any };
  }

  beforeAll(async () => {
    await applyMigrations(databaseUrl, join(__dirname, '../../services/institution/prisma/migrations'));
    const institutionConfig = loadInstitutionConfig({ ...env, INSTITUTION_DATABASE_URL: databaseUrl });
    institution = await bootstrapService({ service: 'institution', module: InstitutionModule.register(institutionConfig), config: institutionConfig });
    gateway = await createGateway(loadGatewayConfig({ ...env }));
    await gateway.listen(0, '127.0.0.1');
    url = await gateway.getUrl();
  });

  afterAll(async () => {
    await gateway?.close();
    await institution?.get(InstitutionCache).clear();
    await institution?.close();
    await dropDatabase(databaseUrl);
    await deleteTestTopology(env);
  });

  const TEBET = { code: 'PKM-TEBET', name: 'Puskesmas Kecamatan Tebet', type: 'PUSKESMAS', kecamatan: 'Tebet', city: 'Jakarta Selatan' };
  let tebetId: string;

  it('POST /institutions: 401 anonymous, 403 operator and facility admin, 201 platform admin', async () => {
    expect((await send('POST', '/institutions', { body: TEBET })).status).toBe(401);
    expect((await send('POST', '/institutions', { as: operator, body: TEBET })).status).toBe(403);
    const facilityAdmin = await send('POST', '/institutions', { as: adminOf(operator.institutionId!), body: TEBET });
    expect(facilityAdmin).toMatchObject({ status: 403, body: { message: 'Only a platform administrator can register a new institution' } });
    const created = await send('POST', '/institutions', { as: platformAdmin, body: TEBET });
    expect(created).toMatchObject({ status: 201, body: { code: 'PKM-TEBET', timezone: 'Asia/Jakarta', active: true } });
    tebetId = created.body.id;
    expect((await send('POST', '/institutions', { as: platformAdmin, body: { ...TEBET, name: 'Other' } })).status).toBe(409);
  });

  it('answers 400 naming the fields, from the DTO and from the service', async () => {
    const dto = await send('POST', '/institutions', { as: platformAdmin, body: { code: 'X-1', name: 'Klinik', type: 'HOSPITAL', email: 'nope', extra: 1 } });
    expect(dto.status).toBe(400);
    expect(dto.body.details.errors).toEqual(expect.arrayContaining(['property extra should not exist', 'email must be an email', expect.stringMatching(/^type must be one of/)]));
    const service = await send('POST', '/institutions', { as: platformAdmin, body: { code: 'X-1', name: 'Klinik X', type: 'KLINIK', timezone: 'Mars/Olympus' } });
    expect(service).toMatchObject({ status: 400, body: { details: { fields: { timezone: expect.stringContaining('IANA timezone') } } } });
    expect(await send('GET', '/institutions/not-a-uuid')).toMatchObject({ status: 400, body: { message: 'id must be a UUID' } });
    expect((await send('GET', '/institutions?pageSize=101')).status).toBe(400);
  });

  it('reads are public: list with default paging, detail, search', async () => {
    expect(await send('GET', '/institutions')).toMatchObject({ status: 200, body: { page: 1, pageSize: 20, total: 1 } });
    expect(await send('GET', '/institutions?type=PUSKESMAS&active=true&page=1&pageSize=5')).toMatchObject({ status: 200, body: { pageSize: 5, total: 1 } });
    expect(await send('GET', `/institutions/${tebetId}`)).toMatchObject({ status: 200, body: { id: tebetId } });
    const search = await send('GET', `/institutions/search?q=${encodeURIComponent('pkm tebt')}`);
    expect(search).toMatchObject({ status: 200, body: { total: 1, items: [{ id: tebetId, score: expect.any(Number) }] } });
    expect((await send('GET', '/institutions/search')).status).toBe(400);
  });

  it('PATCH /institutions/:id: only that institution admin (or a platform admin)', async () => {
    expect((await send('PATCH', `/institutions/${tebetId}`, { body: { phone: '021-1' } })).status).toBe(401);
    expect((await send('PATCH', `/institutions/${tebetId}`, { as: adminOf(operator.institutionId!), body: { phone: '021-1' } })).status).toBe(403);
    const updated = await send('PATCH', `/institutions/${tebetId}`, { as: adminOf(tebetId), body: { phone: '021-8297000' } });
    expect(updated).toMatchObject({ status: 200, body: { phone: '021-8297000' } });
    expect((await send('GET', `/institutions/${tebetId}`)).body.phone).toBe('021-8297000');
  });

  it('services: public list, admin-only create/update/delete, validation of hours', async () => {
    const admin = adminOf(tebetId);
    const hours = { mon: [{ open: '08:00', close: '12:00' }] };
    expect((await send('POST', `/institutions/${tebetId}/services`, { as: operator, body: { code: 'A', name: 'Poli Umum' } })).status).toBe(403);
    const bad = await send('POST', `/institutions/${tebetId}/services`, { as: admin, body: { code: 'A', name: 'Poli Umum', openingHours: { mon: [{ open: '8', close: '12:00' }] } } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: 'openingHours.mon.0.open must be a time HH:MM', details: { errors: ['openingHours.mon.0.open must be a time HH:MM'] } } });
    const order = await send('POST', `/institutions/${tebetId}/services`, { as: admin, body: { code: 'A', name: 'Poli Umum', openingHours: { mon: [{ open: '12:00', close: '08:00' }] } } });
    expect(order).toMatchObject({ status: 400, body: { details: { fields: { 'openingHours.mon[0]': expect.any(String) } } } });

    const created = await send('POST', `/institutions/${tebetId}/services`, { as: admin, body: { code: 'a', name: 'Poli Umum', dailyQuota: 50, openingHours: hours } });
    expect(created).toMatchObject({ status: 201, body: { code: 'A', dailyQuota: 50, openingHours: hours } });
    const serviceId = created.body.id;
    expect(await send('GET', `/institutions/${tebetId}/services`)).toMatchObject({ status: 200, body: [{ id: serviceId }] });

    const patched = await send('PATCH', `/institutions/${tebetId}/services/${serviceId}`, { as: admin, body: { active: false } });
    expect(patched).toMatchObject({ status: 200, body: { active: false } });
    expect((await send('GET', `/institutions/${tebetId}/services`)).body).toEqual([]);
    expect((await send('GET', `/institutions/${tebetId}/services?includeInactive=true`)).body).toHaveLength(1);

    expect((await send('DELETE', `/institutions/${tebetId}/services/${serviceId}`, { as: adminOf(operator.institutionId!) })).status).toBe(403);
    expect(await send('DELETE', `/institutions/${tebetId}/services/${serviceId}`, { as: admin })).toMatchObject({ status: 200, body: { id: serviceId, deleted: true } });
    expect((await send('GET', `/institutions/${tebetId}/services?includeInactive=true`)).body).toEqual([]);
  });

  it('DELETE /institutions/:id hides it from reads', async () => {
    expect((await send('DELETE', `/institutions/${tebetId}`, { as: operator })).status).toBe(403);
    expect(await send('DELETE', `/institutions/${tebetId}`, { as: adminOf(tebetId) })).toMatchObject({ status: 200, body: { id: tebetId, deleted: true } });
    expect((await send('GET', `/institutions/${tebetId}`)).status).toBe(404);
    expect((await send('GET', `/institutions/${tebetId}/services`)).status).toBe(404);
    expect((await send('GET', '/institutions')).body.total).toBe(0);
  });
});
