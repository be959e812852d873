import { INestApplication } from '@nestjs/common';
import { RpcClient } from '@mediq/common';
import { deleteTestTopology, testBaseConfig, testEnv } from '@mediq/common/testing';
import { IssuedKioskKey } from '@mediq/contracts';
import { randomUUID } from 'node:crypto';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { ApiCall, apiClient, bearer, testNik } from './support/http';
import { RunningUserService, seedInstitutionAccess, startUserService } from './support/user-service';

const INSTITUTION = randomUUID();
const PASSWORD = 'correct-horse-battery';

interface Replica {
  app: INestApplication;
  url: string;
  api: ApiCall;
}

/**
 * A revoked kiosk key stops working at once on every gateway replica, although each of them trusts a
 * verified key for KIOSK_KEY_CACHE_TTL_MS (five minutes here, the longest allowed): the user service
 * lists the revoked key in the real Redis and every gateway looks a cached key up there before using it.
 */
describe('kiosk key revocation: a revoked key is refused at once by every gateway (two gateways + user service)', () => {
  const env = testEnv();
  let user: RunningUserService;
  let rpc: RpcClient;
  const replicas: Replica[] = [];
  let adminHeaders: Record<string, string>;

  const startReplica = async (overrides: Record<string, string> = {}): Promise<Replica> => {
    const app = await createGateway(loadGatewayConfig({ ...env, KIOSK_KEY_CACHE_TTL_MS: '300000', ...overrides }));
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    const replica = { app, url, api: apiClient(url) };
    replicas.push(replica);
    return replica;
  };
  /** A kiosk request (is this NIK registered?) with `key`; its HTTP status. */
  const kioskRequest = async (replica: Replica, key: IssuedKioskKey) =>
    (await replica.api('GET', `/users/check-nik/${testNik()}`, { headers: { 'x-api-key': key.key } })).status;
  /** How many times the gateway asked the user service to verify a kiosk key, by outcome (from its /metrics). */
  const verifications = async (replica: Replica) => {
    const text = await (await fetch(`${replica.url}/metrics`)).text();
    const count = (outcome: string) => {
      const match = new RegExp(`mediq_gateway_rpc_duration_seconds_count\\{service="user",pattern="kiosk-key.verify",outcome="${outcome}"\\} (\\d+)`).exec(text);
      return match ? Number(match[1]) : 0;
    };
    return { ok: count('ok'), refused: count('client_error') };
  };
  const issue = async (label: string): Promise<IssuedKioskKey> => {
    const issued = await replicas[0].api('POST', '/kiosk-keys', { headers: adminHeaders, body: { label } });
    expect(issued.status).toBe(201);
    return issued.body;
  };
  const revoke = async (key: IssuedKioskKey) =>
    expect((await replicas[0].api('DELETE', `/kiosk-keys/${key.id}`, { headers: adminHeaders })).status).toBe(200);

  beforeAll(async () => {
    user = await startUserService(env);
    await startReplica();
    await startReplica();
    rpc = new RpcClient(testBaseConfig(env));
    await seedInstitutionAccess(rpc, INSTITUTION, 'kiosk-revoke.test', { password: PASSWORD, kioskLabel: 'seeded' });
    const signedIn = await replicas[0].api('POST', '/auth/login/admin', { body: { email: 'admin@kiosk-revoke.test', password: PASSWORD } });
    adminHeaders = bearer(signedIn.body.accessToken);
  });

  afterAll(async () => {
    await rpc?.onApplicationShutdown();
    for (const replica of replicas) await replica.app.close();
    await user?.close();
    await deleteTestTopology(env);
  });

  it('a key cached by both gateways answers 401 on both right after its revocation; another key of the institution keeps working from the cache', async () => {
    const lobby = await issue('Kiosk lobby');
    const poli = await issue('Kiosk poli gigi');
    for (const replica of replicas) {
      for (const key of [lobby, poli, lobby, poli]) expect(await kioskRequest(replica, key)).toBe(200);
      // Each key was verified once: the second use came from the gateway's cache.
      expect(await verifications(replica)).toEqual({ ok: 2, refused: 0 });
    }

    await revoke(lobby);

    for (const replica of replicas) {
      expect(await kioskRequest(replica, lobby)).toBe(401);
      expect(await kioskRequest(replica, poli)).toBe(200);
      // The listed key went back to the user service, which refused it; the other one is still cached.
      expect(await verifications(replica)).toEqual({ ok: 2, refused: 1 });
    }
  });

  it('while a gateway cannot read Redis it checks every kiosk request with the user service: a key revoked after it was cached is refused, a valid one served', async () => {
    const desk = await issue('Kiosk pendaftaran');
    const poli = await issue('Kiosk poli anak');
    const blind = await startReplica({ REDIS_URL: 'redis://127.0.0.1:1' });
    for (const key of [desk, poli, desk, poli]) expect(await kioskRequest(blind, key)).toBe(200);
    // Nothing was served from the cache unverified: four uses, four verifications.
    expect(await verifications(blind)).toEqual({ ok: 4, refused: 0 });

    await revoke(desk);

    expect(await kioskRequest(blind, desk)).toBe(401);
    expect(await kioskRequest(blind, poli)).toBe(200);
  });
});
