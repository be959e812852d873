import { INestApplication } from '@nestjs/common';
import { RpcClient } from '@mediq/common';
import { deleteTestTopology, testBaseConfig, testEnv } from '@mediq/common/testing';
import { randomUUID } from 'node:crypto';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { ApiCall, apiClient, bearer } from './support/http';
import { RunningUserService, seedInstitutionAccess, startUserService } from './support/user-service';

jest.setTimeout(120_000);

const INSTITUTION = randomUUID();
const PASSWORD = 'correct-horse-battery';

/** An administrator disables a staff account (issue #20): its sessions end at once and it cannot sign in until enabled. */
describe('a disabled staff account (gateway + user service, real Redis revocation list)', () => {
  const env = testEnv();
  let user: RunningUserService;
  let gateway: INestApplication;
  let rpc: RpcClient;
  let api: ApiCall;

  const signIn = (email: string) => api('POST', '/auth/login/admin', { body: { email, password: PASSWORD } });

  beforeAll(async () => {
    user = await startUserService(env);
    // Password hashing is slow on a loaded machine: generous RPC timeouts, no breaker tripping.
    gateway = await createGateway(loadGatewayConfig({ ...env, RPC_TIMEOUT_MS: '30000', BREAKER_VOLUME_THRESHOLD: '1000' }));
    await gateway.listen(0, '127.0.0.1');
    api = apiClient(await gateway.getUrl());
    rpc = new RpcClient(testBaseConfig(env));
    await seedInstitutionAccess(rpc, INSTITUTION, 'disable.test', { password: PASSWORD, timeoutMs: 60_000 });
  });

  afterAll(async () => {
    await rpc?.onApplicationShutdown();
    await gateway?.close();
    await user?.close();
    await deleteTestTopology(env);
  });

  it('ends the sessions at once, refuses the sign-in with ACCOUNT_DISABLED, shows it in the staff list, and enabling restores the sign-in', async () => {
    const admin = (await signIn('admin@disable.test')).body;
    const operatorSession = await signIn('operator@disable.test');
    expect(operatorSession.status).toBe(200);
    const operator = operatorSession.body;
    expect((await api('GET', '/users/me', { headers: bearer(operator.accessToken) })).status).toBe(200);

    // An operator cannot disable anyone; an administrator cannot disable themself.
    expect((await api('PATCH', `/users/${admin.user.id}`, { headers: bearer(operator.accessToken), body: { disabled: true } })).status).toBe(403);
    expect((await api('PATCH', `/users/${admin.user.id}`, { headers: bearer(admin.accessToken), body: { disabled: true } })).body).toMatchObject({
      code: 'UNPROCESSABLE',
    });

    const disabled = await api('PATCH', `/users/${operator.user.id}`, { headers: bearer(admin.accessToken), body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ user: { id: operator.user.id, disabled: true }, warnings: [] });

    // The operator's access token and refresh token stop working at once.
    expect((await api('GET', '/users/me', { headers: bearer(operator.accessToken) })).body).toMatchObject({ statusCode: 401, code: 'SESSION_ENDED' });
    expect((await api('POST', '/auth/refresh', { body: { refreshToken: operator.refreshToken } })).status).toBe(401);

    const refused = await signIn('operator@disable.test');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_DISABLED', message: expect.stringContaining('disabled') });
    // A wrong password is still just wrong: being disabled is told only to whoever knows the password.
    expect((await api('POST', '/auth/login/admin', { body: { email: 'operator@disable.test', password: 'not-the-password' } })).body).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });

    const list = await api('GET', '/users?role=OPERATOR', { headers: bearer(admin.accessToken) });
    expect(list.body.items).toEqual([expect.objectContaining({ id: operator.user.id, disabled: true })]);

    // Disabling again answers the same; enabling lets the operator sign in again.
    expect((await api('PATCH', `/users/${operator.user.id}`, { headers: bearer(admin.accessToken), body: { disabled: true } })).body).toMatchObject({ user: { disabled: true } });
    expect((await api('PATCH', `/users/${operator.user.id}`, { headers: bearer(admin.accessToken), body: { disabled: false } })).body).toMatchObject({ user: { disabled: false } });
    expect((await signIn('operator@disable.test')).status).toBe(200);
  });
});
