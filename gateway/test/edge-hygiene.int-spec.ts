import { INestApplication } from '@nestjs/common';
import { deleteTestTopology, testEnv } from '@mediq/common/testing';
import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { MAX_ROOMS_PER_SOCKET } from '../src/realtime/origin-policy';

/**
 * What the door refuses or marks before any service is asked: invisible control and direction
 * characters in text, caching of personal answers, sockets from other sites, unbounded rooms.
 * No downstream service runs: everything here is decided at the edge.
 */
describe('edge hygiene: text, caching, socket origins and rooms (gateway alone)', () => {
  const env = testEnv({ RPC_TIMEOUT_MS: '300', RPC_RETRY_ATTEMPTS: '0', CORS_ORIGINS: 'https://app.mediq.example' });
  let gateway: INestApplication;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    gateway = await createGateway(loadGatewayConfig(env));
    await gateway.listen(0, '127.0.0.1');
    url = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await gateway?.close();
    await deleteTestTopology(env);
  });

  const post = (path: string, body: unknown) =>
    fetch(`${url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses a name carrying U+202E (right-to-left override) or a control character with a 400 naming the field', async () => {
    const reversed = await post('/auth/login/user', { nik: '3204125708900001', name: 'SITI \u202EHANAJRUN' });
    expect(reversed.status).toBe(400);
    expect(await reversed.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'name must not contain control or invisible formatting characters',
      details: { fields: { name: 'control or invisible formatting characters' } },
    });
    const escape = await post('/auth/login/admin', { email: 'admin@x.example\u001b[2J', password: 'whatever-long' });
    expect(escape.status).toBe(400);
    expect(await escape.json()).toMatchObject({ details: { fields: { email: expect.any(String) } } });
    // Ordinary Indonesian names pass the edge (and then fail here only because no user service runs).
    const plain = await post('/auth/login/user', { nik: '3204125708900001', name: "Ni Luh Ayu, S.Kep." });
    expect(plain.status).not.toBe(400);
  });

  it('answers Cache-Control: no-store on personal and token routes (errors too), not on the public directory and docs', async () => {
    const token = await post('/auth/login/user', { nik: '3204125708900001', name: 'SITI' });
    expect(token.headers.get('cache-control')).toBe('no-store');
    const me = await fetch(`${url}/api/users/me`);
    expect(me.status).toBe(401);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const docs = await fetch(`${url}/api/docs-json`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('cache-control')).not.toBe('no-store');
  });

  function connect(origin?: string): Promise<Socket> {
    const socket = io(`${url}/queue`, { transports: ['websocket'], reconnection: false, extraHeaders: origin ? { origin } : {} });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  it('refuses a socket.io handshake from a foreign origin; its own origin, a configured one and non-browser clients connect', async () => {
    await expect(connect('https://evil.example')).rejects.toThrow();
    await expect(connect('http://127.0.0.1:1')).rejects.toThrow();
    await expect(connect(url)).resolves.toBeDefined();
    await expect(connect('https://app.mediq.example')).resolves.toBeDefined();
    await expect(connect()).resolves.toBeDefined();
  });

  it(`lets one connection follow at most ${MAX_ROOMS_PER_SOCKET} rooms`, async () => {
    const socket = await connect(url);
    const subscribe = (institutionId: string) => socket.emitWithAck('subscribe', { institutionId }) as Promise<{ ok: boolean; error?: string }>;
    const institutions = Array.from({ length: MAX_ROOMS_PER_SOCKET }, () => randomUUID());
    for (const institutionId of institutions) expect(await subscribe(institutionId)).toMatchObject({ ok: true });
    expect(await subscribe(randomUUID())).toEqual({ ok: false, error: `A connection may follow at most ${MAX_ROOMS_PER_SOCKET} rooms; unsubscribe from one first` });
    expect(await subscribe(institutions[0])).toMatchObject({ ok: true });
    await socket.emitWithAck('unsubscribe', { room: `institution:${institutions[0]}` });
    expect(await subscribe(randomUUID())).toMatchObject({ ok: true });
  });
});
