import { INestApplication } from '@nestjs/common';
import { RpcClient, SYSTEM_ACTOR } from '@mediq/common';
import { deleteTestTopology, testBaseConfig, testEnv } from '@mediq/common/testing';
import { SeedInstitutionAccessReply, UserContracts } from '@mediq/contracts';
import { authenticator } from 'otplib';
import { randomUUID } from 'node:crypto';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { ApiCall, apiClient, bearer, testNik } from './support/http';
import { RunningUserService, seedInstitutionAccess, startUserService } from './support/user-service';

type Who = 'anonymous' | 'PASIEN' | 'OPERATOR' | 'ADMIN_FASKES' | 'kiosk';
const EVERYONE: Who[] = ['anonymous', 'PASIEN', 'OPERATOR', 'ADMIN_FASKES', 'kiosk'];

interface Row {
  route: string;
  path: (who: Who) => string | Promise<string>;
  body?: (who: Who) => unknown;
  /** Credentials other than the caller's access token (e.g. a refresh token). */
  headers?: (who: Who) => Promise<Record<string, string>>;
  expected: Record<Who, number>;
}

const INSTITUTION_A = randomUUID();
const INSTITUTION_B = randomUUID();
const PASSWORD = 'correct-horse-battery';

/** Role x route matrix over every users/auth/kiosk-key route, through the real gateway and user service. */
describe('identity routes: who may call what (gateway + user service)', () => {
  const env = testEnv();
  let user: RunningUserService;
  let gateway: INestApplication;
  let rpc: RpcClient;
  let api: ApiCall;
  let siteA: SeedInstitutionAccessReply;
  let siteB: SeedInstitutionAccessReply;
  const patientA = { nik: testNik(), name: 'BUDI SANTOSO' };
  let patientId: string;
  let otherPatientId: string;
  let accessToken: Record<Exclude<Who, 'anonymous' | 'kiosk'>, string>;

  const login = async (who: Exclude<Who, 'anonymous' | 'kiosk'>) => {
    const response =
      who === 'PASIEN'
        ? await api('POST', '/auth/login/user', { body: patientA })
        : await api('POST', '/auth/login/admin', { body: { email: who === 'OPERATOR' ? 'operator@a.test' : 'admin@a.test', password: PASSWORD } });
    expect(response.status).toBe(200);
    return response.body as { accessToken: string; refreshToken: string };
  };

  const credentials = (who: Who): Record<string, string> => {
    if (who === 'anonymous') return {};
    if (who === 'kiosk') return { 'x-api-key': siteA.kioskKey.key! };
    return bearer(accessToken[who]);
  };

  const registerStaff = async (password = PASSWORD) => {
    const email = `staf-${randomUUID().slice(0, 8)}@a.test`;
    const { user } = await rpc.call(UserContracts.create, { role: 'OPERATOR', name: 'Petugas', email, password, institutionId: INSTITUTION_A }, { actor: SYSTEM_ACTOR });
    return { id: user.id, email };
  };

  const registerPatient = async (institutionId = INSTITUTION_A) =>
    (await rpc.call(UserContracts.create, { role: 'PASIEN', nik: testNik(), name: 'KORBAN', institutionId }, { actor: SYSTEM_ACTOR })).user.id;

  beforeAll(async () => {
    user = await startUserService(env);
    // The matrix signs in well over the default 30 times a minute from one address. It asserts who may call
    // what, not how fast: a password change hashes twice, and on a CI machine whose 2 cores run other suites
    // beside it one took longer than the default 5 s (504), so the calls get 20 s.
    gateway = await createGateway(loadGatewayConfig({ ...env, RATE_LIMIT_LOGIN: '200', RPC_TIMEOUT_MS: '20000' }));
    await gateway.listen(0, '127.0.0.1');
    api = apiClient(await gateway.getUrl());
    rpc = new RpcClient(testBaseConfig(env));
    const seed = (institutionId: string, site: string) => seedInstitutionAccess(rpc, institutionId, `${site}.test`, { password: PASSWORD });
    siteA = await seed(INSTITUTION_A, 'a');
    siteB = await seed(INSTITUTION_B, 'b');
    patientId = (await rpc.call(UserContracts.create, { role: 'PASIEN', ...patientA, institutionId: INSTITUTION_A }, { actor: SYSTEM_ACTOR })).user.id;
    otherPatientId = await registerPatient();
    accessToken = {
      PASIEN: (await login('PASIEN')).accessToken,
      OPERATOR: (await login('OPERATOR')).accessToken,
      ADMIN_FASKES: (await login('ADMIN_FASKES')).accessToken,
    };
  }, 30_000);

  afterAll(async () => {
    await rpc?.onApplicationShutdown();
    await gateway?.close();
    await user?.close();
    await deleteTestTopology(env);
  });

  const only = (allowed: Partial<Record<Who, number>>, denied = 403): Record<Who, number> => ({
    anonymous: 401,
    PASIEN: denied,
    OPERATOR: denied,
    ADMIN_FASKES: denied,
    kiosk: denied,
    ...allowed,
  });
  const freshSession = async (who: Who, kind: 'accessToken' | 'refreshToken') =>
    who === 'anonymous' || who === 'kiosk' ? credentials(who) : bearer((await login(who))[kind]);

  const rows: Row[] = [
    { route: 'POST /auth/login/user', path: () => '/auth/login/user', body: () => patientA, expected: { anonymous: 200, PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200, kiosk: 200 } },
    {
      route: 'POST /auth/login/admin',
      path: () => '/auth/login/admin',
      body: () => ({ email: 'admin@a.test', password: PASSWORD }),
      expected: { anonymous: 200, PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200, kiosk: 200 },
    },
    { route: 'POST /auth/refresh', path: () => '/auth/refresh', headers: (who) => freshSession(who, 'refreshToken'), expected: only({ PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200 }, 401) },
    { route: 'GET /auth/refresh', path: () => '/auth/refresh', headers: (who) => freshSession(who, 'refreshToken'), expected: only({ PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200 }, 401) },
    { route: 'POST /auth/logout', path: () => '/auth/logout', headers: (who) => freshSession(who, 'accessToken'), expected: only({ PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200 }, 401) },
    { route: 'GET /auth/logout', path: () => '/auth/logout', headers: (who) => freshSession(who, 'refreshToken'), expected: only({ PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200 }, 401) },
    { route: 'POST /auth/totp/enrol', path: () => '/auth/totp/enrol', expected: only({ OPERATOR: 200, ADMIN_FASKES: 200 }) },
    {
      route: 'POST /auth/totp/confirm',
      path: () => '/auth/totp/confirm',
      body: async (who) => {
        if (who !== 'OPERATOR' && who !== 'ADMIN_FASKES') return { code: '123456' };
        const enrolment = await api('POST', '/auth/totp/enrol', { headers: credentials(who) });
        return { code: authenticator.generate(enrolment.body.secret) };
      },
      expected: only({ OPERATOR: 200, ADMIN_FASKES: 200 }),
    },
    {
      route: 'POST /auth/password',
      path: () => '/auth/password',
      body: async () => ({ email: (await registerStaff()).email, currentPassword: PASSWORD, newPassword: 'Kopi tubruk pagi hari 7' }),
      expected: { anonymous: 200, PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200, kiosk: 200 },
    },
    { route: 'POST /users/:id/password-reset', path: async () => `/users/${(await registerStaff()).id}/password-reset`, expected: only({ ADMIN_FASKES: 200 }) },
    { route: 'POST /users', path: () => '/users', body: () => ({ nik: testNik(), name: 'PASIEN BARU' }), expected: only({ OPERATOR: 201, ADMIN_FASKES: 201, kiosk: 201 }) },
    {
      route: 'POST /users/staff',
      path: () => '/users/staff',
      body: () => ({ role: 'OPERATOR', name: 'Petugas Baru', email: `petugas-${randomUUID()}@a.test`, password: PASSWORD }),
      expected: only({ ADMIN_FASKES: 201 }),
    },
    { route: 'GET /users/check-nik/:nik', path: () => `/users/check-nik/${patientA.nik}`, expected: only({ OPERATOR: 200, ADMIN_FASKES: 200, kiosk: 200 }) },
    { route: 'GET /users/profile', path: () => '/users/profile', expected: only({ PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200 }) },
    { route: 'GET /users/me', path: () => '/users/me', expected: only({ PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200 }) },
    { route: 'GET /users', path: () => '/users?page=1&pageSize=5', expected: only({ ADMIN_FASKES: 200 }) },
    { route: 'GET /users/:id', path: () => `/users/${patientId}`, expected: only({ PASIEN: 200, OPERATOR: 200, ADMIN_FASKES: 200 }) },
    { route: 'PATCH /users/:id', path: () => `/users/${patientId}`, body: () => ({ phone: '081234567890' }), expected: only({ PASIEN: 200, ADMIN_FASKES: 200 }) },
    {
      route: 'PATCH /users/:id/role',
      path: () => `/users/${siteA.operator.id}/role`,
      body: () => ({ role: 'OPERATOR' }),
      expected: only({ ADMIN_FASKES: 200 }),
    },
    { route: 'DELETE /users/:id', path: async () => `/users/${await registerPatient()}`, expected: only({ ADMIN_FASKES: 200 }) },
    { route: 'POST /kiosk-keys', path: () => '/kiosk-keys', body: () => ({ label: 'Kiosk baru' }), expected: only({ ADMIN_FASKES: 201 }) },
    { route: 'GET /kiosk-keys', path: () => '/kiosk-keys', expected: only({ ADMIN_FASKES: 200 }) },
    {
      route: 'DELETE /kiosk-keys/:id',
      path: async () => {
        const issued = await api('POST', '/kiosk-keys', { headers: credentials('ADMIN_FASKES'), body: { label: 'to revoke' } });
        return `/kiosk-keys/${issued.body.id}`;
      },
      expected: only({ ADMIN_FASKES: 200 }),
    },
  ];

  it.each(rows)('$route: allowed 2xx, denied 403, anonymous 401', async (row) => {
    const method = row.route.split(' ')[0];
    const outcomes: Record<string, number> = {};
    for (const who of EVERYONE) {
      const headers = row.headers ? await row.headers(who) : credentials(who);
      const response = await api(method, await row.path(who), { headers, body: row.body ? await row.body(who) : undefined });
      outcomes[who] = response.status;
    }
    expect(outcomes).toEqual(row.expected);
  }, 30_000);

  describe('scope inside a role', () => {
    let adminB: string;
    beforeAll(async () => {
      adminB = (await api('POST', '/auth/login/admin', { body: { email: 'admin@b.test', password: PASSWORD } })).body.accessToken;
    });

    it('keeps a patient to their own record', async () => {
      const asPatient = bearer(accessToken.PASIEN);
      expect((await api('GET', `/users/${otherPatientId}`, { headers: asPatient })).status).toBe(403);
      expect((await api('PATCH', `/users/${otherPatientId}`, { headers: asPatient, body: { phone: '0811111111' } })).status).toBe(403);
      expect((await api('GET', `/users/${siteA.operator.id}`, { headers: asPatient })).status).toBe(403);
    });

    it('keeps staff inside their institution', async () => {
      const asAdminB = bearer(adminB);
      expect((await api('GET', `/users/${siteA.operator.id}`, { headers: asAdminB })).status).toBe(403);
      expect((await api('PATCH', `/users/${patientId}`, { headers: asAdminB, body: { phone: '0811111111' } })).status).toBe(403);
      expect((await api('PATCH', `/users/${siteA.operator.id}/role`, { headers: asAdminB, body: { role: 'ADMIN_FASKES' } })).status).toBe(403);
      expect((await api('DELETE', `/users/${otherPatientId}`, { headers: asAdminB })).status).toBe(403);
      expect((await api('DELETE', `/kiosk-keys/${siteA.kioskKey.id}`, { headers: asAdminB })).status).toBe(403);
      expect((await api('GET', `/users/${siteB.operator.id}`, { headers: bearer(accessToken.OPERATOR) })).status).toBe(403);
      // Staff of another institution see a patient only once the patient has a ticket there, which the
      // queue service answers: services/ocr/test/patient-identity.int-spec.ts covers it on the whole platform.
    });

    it('lists only the administrator’s own institution, and searches by name', async () => {
      const listed = await api('GET', '/users?pageSize=100', { headers: bearer(accessToken.ADMIN_FASKES) });
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBeGreaterThan(0);
      expect(listed.body.items.every((u: { institutionId: string }) => u.institutionId === INSTITUTION_A)).toBe(true);
      const searched = await api('GET', '/users?search=budi%20santoso&role=PASIEN', { headers: bearer(accessToken.ADMIN_FASKES) });
      expect(searched.body.items.map((u: { id: string }) => u.id)).toEqual([patientId]);
    });

    it('does not let an administrator change their own role, nor make a patient staff', async () => {
      const asAdminA = bearer(accessToken.ADMIN_FASKES);
      expect((await api('PATCH', `/users/${siteA.admin.id}/role`, { headers: asAdminA, body: { role: 'OPERATOR' } })).status).toBe(403);
      expect((await api('PATCH', `/users/${patientId}/role`, { headers: asAdminA, body: { role: 'OPERATOR' } })).status).toBe(422);
    });

    it('ends the sessions of a deleted user', async () => {
      const nik = testNik();
      await rpc.call(UserContracts.create, { role: 'PASIEN', nik, name: 'HAPUS SAYA', institutionId: INSTITUTION_A }, { actor: SYSTEM_ACTOR });
      const session = (await api('POST', '/auth/login/user', { body: { nik, name: 'hapus saya' } })).body;
      expect((await api('DELETE', `/users/${session.user.id}`, { headers: bearer(accessToken.ADMIN_FASKES) })).status).toBe(200);
      expect((await api('DELETE', `/users/${session.user.id}`, { headers: bearer(accessToken.ADMIN_FASKES) })).status).toBe(200);
      expect((await api('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
      expect((await api('POST', '/auth/login/user', { body: { nik, name: 'hapus saya' } })).status).toBe(401);
    });
  });
});
