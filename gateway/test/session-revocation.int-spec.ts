import { INestApplication } from '@nestjs/common';
import { RpcClient, SYSTEM_ACTOR } from '@mediq/common';
import { deleteTestTopology, testBaseConfig, testEnv } from '@mediq/common/testing';
import { UserContracts } from '@mediq/contracts';
import { randomUUID } from 'node:crypto';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { ApiCall, ApiResponse, apiClient, bearer, testNik } from './support/http';
import { RunningUserService, seedInstitutionAccess, startUserService } from './support/user-service';

const INSTITUTION = randomUUID();
const PASSWORD = 'correct-horse-battery';
const SESSION_ENDED = { statusCode: 401, code: 'SESSION_ENDED', message: 'Your session has ended; please sign in again.', details: { reason: 'session-ended' } };

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; role: string };
}

/**
 * Access tokens stop working the moment their session ends, not when they expire: the user service
 * lists ended sessions in the real Redis and the gateway checks every access token against the list.
 */
describe('session revocation: ended sessions lose their access tokens at once (gateway + user service)', () => {
  const env = testEnv();
  let user: RunningUserService;
  let gateway: INestApplication;
  let rpc: RpcClient;
  let api: ApiCall;
  const patient = { nik: testNik(), name: 'RINA WATI' };

  const signIn = async (who: { email: string } | { nik: string; name: string }): Promise<Session> => {
    const response = 'email' in who
      ? await api('POST', '/auth/login/admin', { body: { email: who.email, password: PASSWORD } })
      : await api('POST', '/auth/login/user', { body: who });
    expect(response.status).toBe(200);
    return response.body;
  };
  const me = (session: Session, call: ApiCall = api): Promise<ApiResponse> => call('GET', '/users/me', { headers: bearer(session.accessToken) });
  const admin = () => signIn({ email: 'admin@revoke.test' });
  const newOperator = async () => {
    const email = `operator-${randomUUID()}@revoke.test`;
    await rpc.call(UserContracts.create, { role: 'OPERATOR', name: 'Operator Loket', email, password: PASSWORD, institutionId: INSTITUTION }, { actor: SYSTEM_ACTOR });
    return email;
  };

  beforeAll(async () => {
    user = await startUserService(env);
    gateway = await createGateway(loadGatewayConfig(env));
    await gateway.listen(0, '127.0.0.1');
    api = apiClient(await gateway.getUrl());
    rpc = new RpcClient(testBaseConfig(env));
    await seedInstitutionAccess(rpc, INSTITUTION, 'revoke.test', { password: PASSWORD });
    await rpc.call(UserContracts.create, { role: 'PASIEN', ...patient, institutionId: INSTITUTION }, { actor: SYSTEM_ACTOR });
  });

  afterAll(async () => {
    await rpc?.onApplicationShutdown();
    await gateway?.close();
    await user?.close();
    await deleteTestTopology(env);
  });

  it('after logout the same access token answers 401; another session of the same user and a new sign-in still work', async () => {
    const phone = await signIn(patient);
    const tablet = await signIn(patient);
    expect((await me(phone)).status).toBe(200);

    expect((await api('POST', '/auth/logout', { headers: bearer(phone.accessToken) })).status).toBe(200);
    const after = await me(phone);
    expect(after.body).toMatchObject(SESSION_ENDED);
    expect((await api('GET', '/queue/my-queue', { headers: bearer(phone.accessToken) })).status).toBe(401);

    expect((await me(tablet)).status).toBe(200);
    const again = await signIn(patient);
    expect((await me(again)).body.id).toBe(phone.user.id);
  });

  it('a session logged out by its refresh token loses its access token too', async () => {
    const operator = await signIn({ email: 'operator@revoke.test' });
    expect((await api('POST', '/auth/logout', { body: { refreshToken: operator.refreshToken } })).status).toBe(200);
    expect((await me(operator)).body).toMatchObject(SESSION_ENDED);
  });

  it('after an admin changes an operator’s role, every old access token of the operator answers 401; a new sign-in works with the new role', async () => {
    const email = await newOperator();
    const desk = await signIn({ email });
    const phone = await signIn({ email });
    expect((await api('GET', `/users/check-nik/${patient.nik}`, { headers: bearer(desk.accessToken) })).status).toBe(200);

    const changed = await api('PATCH', `/users/${desk.user.id}/role`, { headers: bearer((await admin()).accessToken), body: { role: 'ADMIN_FASKES' } });
    expect(changed.status).toBe(200);
    expect((await me(desk)).body).toMatchObject(SESSION_ENDED);
    expect((await me(phone)).body).toMatchObject(SESSION_ENDED);
    expect((await api('GET', `/users/check-nik/${patient.nik}`, { headers: bearer(desk.accessToken) })).status).toBe(401);

    const promoted = await signIn({ email });
    expect((await me(promoted)).body).toMatchObject({ id: desk.user.id, role: 'ADMIN_FASKES' });
    expect((await api('GET', '/users?pageSize=5', { headers: bearer(promoted.accessToken) })).status).toBe(200);
  });

  it('after an admin deletes (deactivates) an operator, their old access token answers 401 and they cannot sign in again', async () => {
    const email = await newOperator();
    const operator = await signIn({ email });
    expect((await me(operator)).status).toBe(200);
    expect((await api('DELETE', `/users/${operator.user.id}`, { headers: bearer((await admin()).accessToken) })).status).toBe(200);
    expect((await me(operator)).body).toMatchObject(SESSION_ENDED);
    expect((await api('POST', '/auth/login/admin', { body: { email, password: PASSWORD } })).status).toBe(401);
    // Other staff are untouched.
    expect((await me(await signIn({ email: 'operator@revoke.test' }))).status).toBe(200);
  });

  it('a refresh token presented twice ends the session, and the access tokens issued from it answer 401', async () => {
    const first = await signIn(patient);
    const rotated = await api('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(rotated.status).toBe(200);
    expect((await api('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } })).status).toBe(401);
    expect((await me(rotated.body)).body).toMatchObject(SESSION_ENDED);
    expect((await me(first)).body).toMatchObject(SESSION_ENDED);
  });

  it('while the gateway cannot reach Redis, staff tokens answer 503 (fail closed) and patient tokens are served (fail open)', async () => {
    const operator = await signIn({ email: 'operator@revoke.test' });
    const patientSession = await signIn(patient);
    let blind: INestApplication | undefined;
    try {
      blind = await createGateway(loadGatewayConfig({ ...env, REDIS_URL: 'redis://127.0.0.1:1' }));
      await blind.listen(0, '127.0.0.1');
      const blindApi = apiClient(await blind.getUrl());
      const staff = await me(operator, blindApi);
      expect(staff.status).toBe(503);
      expect(staff.body).toMatchObject({ details: { reason: 'session-store-unavailable' } });
      expect(staff.headers.get('retry-after')).not.toBeNull();
      expect((await me(patientSession, blindApi)).status).toBe(200);
    } finally {
      await blind?.close();
    }
    // The same staff token is served again through a gateway that reaches Redis.
    expect((await me(operator)).status).toBe(200);
  });
});
