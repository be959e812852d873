import { INestApplication } from '@nestjs/common';
import { RpcClient, SYSTEM_ACTOR } from '@mediq/common';
import { deleteTestTopology, testBaseConfig, testEnv } from '@mediq/common/testing';
import { SeedInstitutionAccessReply, UserContracts } from '@mediq/contracts';
import { authenticator } from 'otplib';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { PrismaService } from '../../services/user/src/database/prisma.service';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { ApiCall, apiClient, bearer, testNik } from './support/http';
import { RunningUserService, seedInstitutionAccess, startUserService } from './support/user-service';

const INSTITUTION = randomUUID();
const PASSWORD = 'correct-horse-battery';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sign-in, sessions and patient registration through the real gateway and user service over
 * RabbitMQ, MariaDB and Redis. Logs of both apps are captured to prove no NIK or name is written.
 */
describe('identity: sign-in, sessions, registration (gateway + user service)', () => {
  const env = testEnv({ LOG_LEVEL: 'debug' });
  const logs: string[] = [];
  let user: RunningUserService;
  let gateway: INestApplication;
  let rpc: RpcClient;
  let api: ApiCall;
  let seeded: SeedInstitutionAccessReply;
  const kiosk = () => ({ 'x-api-key': seeded.kioskKey.key! });
  const patient = { nik: testNik({ female: true, day: 5 }), name: 'SITI NUR. AISYAH' };

  beforeAll(async () => {
    // Every log line of both processes lands here.
    const logDestination = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    user = await startUserService(env, { LOGIN_BACKOFF_BASE_SECONDS: '1' }, logDestination);
    // One trusted proxy hop: a test picks its source address with X-Forwarded-For.
    gateway = await createGateway(loadGatewayConfig({ ...env, TRUST_PROXY_HOPS: '1' }), { logDestination });
    await gateway.listen(0, '127.0.0.1');
    api = apiClient(await gateway.getUrl());
    rpc = new RpcClient(testBaseConfig(env));
    seeded = await seedInstitutionAccess(rpc, INSTITUTION, 'auth.test', { password: PASSWORD });
  });

  afterAll(async () => {
    await rpc?.onApplicationShutdown();
    await gateway?.close();
    await user?.close();
    await deleteTestTopology(env);
  });

  describe('patient registration', () => {
    it('registers a patient at a kiosk and stores the NIK only sealed and hashed', async () => {
      const created = await api('POST', '/users', {
        headers: kiosk(),
        body: { ...patient, birthDate: '1990-08-05', gender: 'FEMALE', address: 'JL. IMAM BONJOL 1', rtRw: '001/002' },
      });
      expect(created.status).toBe(201);
      expect(created.body.user).toMatchObject({ role: 'PASIEN', nik: patient.nik, institutionId: INSTITUTION, birthDate: '1990-08-05' });
      expect(created.body.warnings).toEqual([]);

      const rows = await user.app.get(PrismaService).$queryRaw<Array<Record<string, unknown>>>`SELECT * FROM users WHERE role = 'PASIEN'`;
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(patient.nik);
      expect(rows[0].nikCiphertext).toMatch(/^v1:/);
      expect(rows[0].nikHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses invalid NIKs and names the failing rule', async () => {
      const cases = [
        { nik: '32010117089', rule: 'NIK_FORMAT' },
        { nik: '9901011708900001', rule: 'NIK_PROVINCE_UNKNOWN' },
        { nik: '3201013513900001', rule: 'NIK_DATE_INVALID' },
      ];
      for (const { nik, rule } of cases) {
        const response = await api('POST', '/users', { headers: kiosk(), body: { nik, name: 'BUDI' } });
        expect(response.status).toBe(400);
        expect(response.body.message).toContain(rule);
        expect(response.body.details).toEqual({ rules: [rule] });
      }
    });

    it('accepts a NIK whose date part disagrees with the printed birth date, with a warning', async () => {
      // NIK date part 410700 (1 July 2000, female) on a card printed 17-08-2000: normal on real cards.
      const nik = testNik({ female: true, day: 1, month: 7, year: 2000 });
      const response = await api('POST', '/users', { headers: kiosk(), body: { nik, name: 'DEWI', birthDate: '2000-08-17', gender: 'FEMALE' } });
      expect(response.status).toBe(201);
      expect(response.body.user.birthDate).toBe('2000-08-17');
      expect(response.body.warnings.map((w: { rule: string }) => w.rule)).toEqual(['NIK_BIRTH_DATE_MISMATCH']);
    });

    it('returns the first registration for a retried request and refuses a second patient with the same NIK', async () => {
      const body = { nik: testNik(), name: 'AGUS' };
      const headers = { ...kiosk(), 'idempotency-key': 'kiosk-retry-0001' };
      const first = await api('POST', '/users', { headers, body });
      const retried = await api('POST', '/users', { headers, body });
      expect(first.status).toBe(201);
      expect(retried.status).toBe(201);
      expect(retried.body.user.id).toBe(first.body.user.id);
      const duplicate = await api('POST', '/users', { headers: { ...kiosk(), 'idempotency-key': 'kiosk-retry-0002' }, body });
      expect(duplicate.status).toBe(409);
    });

    it('lets a kiosk check whether a NIK is registered', async () => {
      expect((await api('GET', `/users/check-nik/${patient.nik}`, { headers: kiosk() })).body).toEqual({ exists: true });
      expect((await api('GET', `/users/check-nik/${testNik()}`, { headers: kiosk() })).body).toEqual({ exists: false });
    });
  });

  describe('sign-in', () => {
    it('signs a patient in with NIK and name, ignoring case, spacing and punctuation', async () => {
      const login = await api('POST', '/auth/login/user', { body: { nik: patient.nik, name: '  siti nur aisyah' } });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      expect(login.body.user).toMatchObject({ role: 'PASIEN', nik: patient.nik });
      const me = await api('GET', '/users/me', { headers: bearer(login.body.accessToken) });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(login.body.user.id);
    });

    it('answers a wrong name and an unknown NIK identically', async () => {
      const wrongName = await api('POST', '/auth/login/user', { body: { nik: patient.nik, name: 'SITI AISYAH' } });
      const unknown = await api('POST', '/auth/login/user', { body: { nik: testNik(), name: 'SITI NUR AISYAH' } });
      expect(wrongName.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(unknown.body.message).toBe(wrongName.body.message);
    });

    it('signs staff in with e-mail and password; a wrong password and an unknown e-mail answer alike', async () => {
      const login = await api('POST', '/auth/login/admin', { body: { email: 'ADMIN@auth.test', password: PASSWORD } });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ role: 'ADMIN_FASKES', institutionId: INSTITUTION, email: 'admin@auth.test' });
      const wrong = await api('POST', '/auth/login/admin', { body: { email: 'admin@auth.test', password: 'not-the-password' } });
      const unknown = await api('POST', '/auth/login/admin', { body: { email: 'nobody@auth.test', password: 'not-the-password' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(unknown.body.message).toBe(wrong.body.message);
    });
  });

  describe('sessions', () => {
    const signIn = async () => (await api('POST', '/auth/login/user', { body: patient })).body;

    it('rotates refresh tokens and ends the whole session when an old one is presented again', async () => {
      const first = await signIn();
      const second = await api('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      const third = await api('GET', '/auth/refresh', { headers: bearer(second.body.refreshToken) });
      expect(third.status).toBe(200);
      expect((await api('GET', '/users/me', { headers: bearer(third.body.accessToken) })).status).toBe(200);

      const replayed = await api('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
      expect(replayed.status).toBe(401);
      // The theft is detected: even the newest refresh token of that session no longer works.
      expect((await api('POST', '/auth/refresh', { body: { refreshToken: third.body.refreshToken } })).status).toBe(401);
      // Another session of the same patient is untouched.
      const other = await signIn();
      expect((await api('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(200);
    });

    it('refuses an access token where a refresh token belongs, and garbage', async () => {
      const session = await signIn();
      expect((await api('POST', '/auth/refresh', { body: { refreshToken: session.accessToken } })).status).toBe(401);
      expect((await api('POST', '/auth/refresh', { body: { refreshToken: 'garbage' } })).status).toBe(401);
      expect((await api('GET', '/auth/refresh')).status).toBe(401);
    });

    it('logs out with the access token, the refresh token or the refresh token in the body', async () => {
      const byAccess = await signIn();
      expect((await api('POST', '/auth/logout', { headers: bearer(byAccess.accessToken) })).status).toBe(200);
      expect((await api('POST', '/auth/refresh', { body: { refreshToken: byAccess.refreshToken } })).status).toBe(401);

      const byRefresh = await signIn();
      expect((await api('GET', '/auth/logout', { headers: bearer(byRefresh.refreshToken) })).status).toBe(200);
      expect((await api('POST', '/auth/refresh', { body: { refreshToken: byRefresh.refreshToken } })).status).toBe(401);

      const byBody = await signIn();
      expect((await api('POST', '/auth/logout', { body: { refreshToken: byBody.refreshToken } })).status).toBe(200);
      expect((await api('GET', '/auth/refresh', { headers: bearer(byBody.refreshToken) })).status).toBe(401);

      expect((await api('POST', '/auth/logout')).status).toBe(401);
    });
  });

  describe('brute force', () => {
    it("backs the attacker's address off with growing waits (LOCKED_OUT, Retry-After, audited) while the owner's address signs in", async () => {
      const created = await rpc.call(
        UserContracts.create,
        { role: 'OPERATOR', name: 'Locked Out', email: 'lockme@auth.test', password: PASSWORD, institutionId: INSTITUTION },
        { actor: SYSTEM_ACTOR },
      );
      const attacker = { 'x-forwarded-for': '203.0.113.7' };
      const owner = { 'x-forwarded-for': '10.20.30.40' };
      const signIn = (headers: Record<string, string>, password: string, email = 'lockme@auth.test') =>
        api('POST', '/auth/login/admin', { headers, body: { email, password } });
      for (let i = 0; i < 5; i++) expect((await signIn(attacker, `wrong-${i}-password`)).status).toBe(401);

      const locked = await signIn(attacker, PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'LOCKED_OUT', details: { retryAfterSeconds: expect.any(Number) } });
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBe(locked.body.details.retryAfterSeconds);
      expect(retryAfter).toBe(1); // LOGIN_BACKOFF_BASE_SECONDS here

      // The owner, from an address without failures, is not blocked by the attacker's streak.
      expect((await signIn(owner, PASSWORD)).status).toBe(200);

      // An e-mail without an account backs off the same way, so the answers reveal nothing.
      for (let i = 0; i < 5; i++) await signIn(attacker, `wrong-${i}-password`, 'ghost@auth.test');
      const ghost = await signIn(attacker, PASSWORD, 'ghost@auth.test');
      expect(ghost.status).toBe(429);
      expect(ghost.body.message.replace(/\d+/g, 'N')).toBe(locked.body.message.replace(/\d+/g, 'N'));

      const audit = await user.app.get(PrismaService).auditLog.findMany({ where: { action: 'auth.login.locked-out', targetId: created.user.id } });
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toEqual({ route: 'auth.login.admin', retryAfterSeconds: 1, reason: 'address' });

      // After the wait, one more failure doubles it; the right password after that wait signs in.
      await sleep(retryAfter * 1000);
      expect((await signIn(attacker, 'wrong-again-password')).status).toBe(401);
      const doubled = await signIn(attacker, PASSWORD);
      expect(doubled.status).toBe(429);
      expect(doubled.body.details.retryAfterSeconds).toBe(2);
      await sleep(2000);
      let after = await signIn(attacker, PASSWORD);
      for (let attempt = 0; after.status === 429 && attempt < 20; attempt++) {
        await sleep(100);
        after = await signIn(attacker, PASSWORD);
      }
      expect(after.status).toBe(200);
    }, 30_000);
  });

  describe('brute force on a patient sign-in (NIK + name)', () => {
    it("backs off the address guessing names for a NIK, never the patient's own phone", async () => {
      const nik = testNik({ day: 9 });
      await rpc.call(UserContracts.create, { role: 'PASIEN', nik, name: 'DEWI LESTARI', institutionId: INSTITUTION }, { actor: SYSTEM_ACTOR });
      const guesser = { 'x-forwarded-for': '198.51.100.23' };
      const phone = { 'x-forwarded-for': '10.9.8.7' };
      for (const name of ['DEWI', 'LESTARI', 'DEWI LESTARY', 'DEWI LESTARIE', 'DEWY LESTARI']) {
        expect((await api('POST', '/auth/login/user', { headers: guesser, body: { nik, name } })).status).toBe(401);
      }
      const locked = await api('POST', '/auth/login/user', { headers: guesser, body: { nik, name: 'DEWI LESTARI' } });
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'LOCKED_OUT', details: { retryAfterSeconds: 1 } });
      expect((await api('POST', '/auth/login/user', { headers: phone, body: { nik, name: 'dewi lestari' } })).status).toBe(200);
    });
  });

  describe('staff passwords', () => {
    const createStaff = (token: string, password: string, email = `staf-${randomUUID().slice(0, 8)}@auth.test`) =>
      api('POST', '/users/staff', { headers: bearer(token), body: { role: 'OPERATOR', name: 'Budi Santoso', email, password } });

    it('refuses weak staff passwords, saying why (WEAK_PASSWORD with the rule the web translates)', async () => {
      const admin = (await api('POST', '/auth/login/admin', { body: { email: 'admin@auth.test', password: PASSWORD } })).body.accessToken;
      const short = await createStaff(admin, 'Xk7#pQ2!zL9');
      expect(short.status).toBe(400);
      expect(short.body).toMatchObject({ code: 'WEAK_PASSWORD', details: { rule: 'length', minLength: 12 } });
      for (const [password, warning] of [['password1234', 'similarToCommon'], ['budisantoso1990', 'userInputs'], ['qwertyuiop12', 'similarToCommon']]) {
        const weak = await createStaff(admin, password);
        expect({ password, status: weak.status, body: weak.body }).toMatchObject({ password, status: 400, body: { code: 'WEAK_PASSWORD', details: { rule: 'guessable', warning } } });
      }
      expect((await createStaff(admin, 'Kuda lari cepat sekali 91')).status).toBe(201);
    });

    it('an administrator resets a password to a one-time password that must be changed at the next sign-in', async () => {
      const admin = (await api('POST', '/auth/login/admin', { body: { email: 'admin@auth.test', password: PASSWORD } })).body.accessToken;
      const email = `lupa-${randomUUID().slice(0, 8)}@auth.test`;
      const created = await createStaff(admin, 'Lupa-Sandi-Lagi-2026', email);
      const before = (await api('POST', '/auth/login/admin', { body: { email, password: 'Lupa-Sandi-Lagi-2026' } })).body;

      const reset = await api('POST', `/users/${created.body.id}/password-reset`, { headers: bearer(admin) });
      expect(reset.status).toBe(200);
      const temporary: string = reset.body.temporaryPassword;
      expect(temporary).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
      // Its sessions ended; the old password no longer works; the one-time password does not sign in by itself.
      expect((await api('POST', '/auth/refresh', { body: { refreshToken: before.refreshToken } })).status).toBe(401);
      expect((await api('POST', '/auth/login/admin', { body: { email, password: 'Lupa-Sandi-Lagi-2026' } })).status).toBe(401);
      const required = await api('POST', '/auth/login/admin', { body: { email, password: temporary } });
      expect(required.status).toBe(403);
      expect(required.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
      expect(required.body.accessToken).toBeUndefined();

      const weak = await api('POST', '/auth/password', { body: { email, currentPassword: temporary, newPassword: 'password1234' } });
      expect(weak.body).toMatchObject({ code: 'WEAK_PASSWORD' });
      const wrong = await api('POST', '/auth/password', { body: { email, currentPassword: 'not-the-password', newPassword: 'Kopi tubruk pagi hari 7' } });
      expect(wrong.status).toBe(401);
      const changed = await api('POST', '/auth/password', { body: { email, currentPassword: temporary, newPassword: 'Kopi tubruk pagi hari 7' } });
      expect(changed.status).toBe(200);
      expect(changed.body.accessToken).toEqual(expect.any(String));
      expect((await api('POST', '/auth/login/admin', { body: { email, password: temporary } })).status).toBe(401);
      expect((await api('POST', '/auth/login/admin', { body: { email, password: 'Kopi tubruk pagi hari 7' } })).status).toBe(200);
      // Operators cannot reset anyone's password.
      const operator = (await api('POST', '/auth/login/admin', { body: { email: 'operator@auth.test', password: PASSWORD } })).body.accessToken;
      expect((await api('POST', `/users/${created.body.id}/password-reset`, { headers: bearer(operator) })).status).toBe(403);
    });
  });

  describe('two-factor sign-in (TOTP)', () => {
    it('requires the authenticator code once a staff member has enrolled', async () => {
      const login = async (totpCode?: string) =>
        api('POST', '/auth/login/admin', { body: { email: 'operator@auth.test', password: PASSWORD, ...(totpCode ? { totpCode } : {}) } });
      const session = (await login()).body;
      const enrolment = await api('POST', '/auth/totp/enrol', { headers: bearer(session.accessToken) });
      expect(enrolment.status).toBe(200);
      expect(enrolment.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
      // Not active before confirmation.
      expect((await login()).status).toBe(200);
      const wrongConfirm = await api('POST', '/auth/totp/confirm', { headers: bearer(session.accessToken), body: { code: '000000' } });
      expect(wrongConfirm.status).toBe(400);
      const confirmingCode = authenticator.generate(enrolment.body.secret);
      const confirmed = await api('POST', '/auth/totp/confirm', { headers: bearer(session.accessToken), body: { code: confirmingCode } });
      expect(confirmed.status).toBe(200);

      const withoutCode = await login();
      expect(withoutCode.status).toBe(401);
      expect(withoutCode.body.details).toEqual({ totpRequired: true });
      // A code is accepted once: the confirming code does not sign in; the app's next code does, and only once.
      expect((await login(confirmingCode)).status).toBe(401);
      const nextCode = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(enrolment.body.secret);
      expect((await login(nextCode)).status).toBe(200);
      expect((await login(nextCode)).status).toBe(401);
    }, 20_000);
  });

  describe('kiosk keys', () => {
    it('are issued and revoked by the admin, listed with their last use, and stop working when revoked', async () => {
      const admin = (await api('POST', '/auth/login/admin', { body: { email: 'admin@auth.test', password: PASSWORD } })).body;
      const issued = await api('POST', '/kiosk-keys', { headers: bearer(admin.accessToken), body: { label: 'Kiosk poli gigi' } });
      expect(issued.status).toBe(201);
      expect(issued.body.key).toMatch(/^mqk_/);
      const key = { 'x-api-key': issued.body.key };
      expect((await api('GET', `/users/check-nik/${patient.nik}`, { headers: key })).status).toBe(200);

      const listed = await api('GET', '/kiosk-keys', { headers: bearer(admin.accessToken) });
      const entry = listed.body.find((k: { id: string }) => k.id === issued.body.id);
      expect(entry).toMatchObject({ label: 'Kiosk poli gigi', revokedAt: null, lastUsedAt: expect.any(String) });
      expect(entry.key).toBeUndefined();

      expect((await api('DELETE', `/kiosk-keys/${issued.body.id}`, { headers: bearer(admin.accessToken) })).status).toBe(200);
      expect((await api('GET', `/users/check-nik/${patient.nik}`, { headers: key })).status).toBe(401);
      expect((await api('GET', `/users/check-nik/${patient.nik}`, { headers: { 'x-api-key': 'mqk_made-up' } })).status).toBe(401);
    });
  });

  it('wrote logs for all of the above without a NIK or a patient name in them', () => {
    const text = logs.join('');
    expect(text).toContain('"context":"http"');
    expect(text).not.toContain(patient.nik);
    expect(text).not.toMatch(/SITI/i);
  });
});

describe('identity: per-address sign-in limit', () => {
  const env = testEnv();
  let user: RunningUserService;
  let gateway: INestApplication;
  let api: ApiCall;

  beforeAll(async () => {
    user = await startUserService(env, { LOGIN_IP_MAX_FAILURES: '3' });
    gateway = await createGateway(loadGatewayConfig(env));
    await gateway.listen(0, '127.0.0.1');
    api = apiClient(await gateway.getUrl());
  });

  afterAll(async () => {
    await gateway?.close();
    await user?.close();
    await deleteTestTopology(env);
  });

  it('answers 429 with Retry-After once one address has failed too often, whichever account it tries', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await api('POST', '/auth/login/user', { body: { nik: testNik(), name: 'TEBAK' } })).status).toBe(401);
    }
    const limited = await api('POST', '/auth/login/user', { body: { nik: testNik(), name: 'TEBAK' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
