import Redis from 'ioredis';
import { createRedis, KIOSK_KEY_CACHE_MAX_TTL_MS, RevokedKioskKeys, RevokedSessions } from '../src/redis';
import { TEST_REDIS_URL, uniqueSuffix } from '../src/testing';

/** The revocation lists against the real Redis: the keys they write, how long they keep them, and a Redis that is away. */
describe('revocation lists (real Redis)', () => {
  const prefix = `t${uniqueSuffix()}.`;
  let redis: Redis;

  beforeAll(() => {
    redis = createRedis(TEST_REDIS_URL, 'test-revocation-lists');
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('lists ended sessions for the access-token lifetime plus clock skew, each under its own key', async () => {
    const sessions = new RevokedSessions(redis, prefix);
    await sessions.add(['s-1', 's-2'], 900);
    expect(await sessions.has('s-1')).toBe(true);
    expect(await sessions.has('s-2')).toBe(true);
    expect(await sessions.has('s-3')).toBe(false);
    expect(await redis.ttl(`${prefix}mediq:revoked-session:s-1`)).toBeGreaterThan(900);
    expect(await redis.ttl(`${prefix}mediq:revoked-session:s-1`)).toBeLessThanOrEqual(960);
  });

  it('lists a revoked kiosk key by its id for longer than any gateway may cache it, apart from sessions and other deployments', async () => {
    const kioskKeys = new RevokedKioskKeys(redis, prefix);
    await kioskKeys.add('k-1');
    expect(await kioskKeys.has('k-1')).toBe(true);
    expect(await kioskKeys.has('k-2')).toBe(false);
    expect(await redis.ttl(`${prefix}mediq:revoked-kiosk-key:k-1`)).toBeGreaterThan(KIOSK_KEY_CACHE_MAX_TTL_MS / 1_000);

    expect(await new RevokedSessions(redis, prefix).has('k-1')).toBe(false);
    expect(await new RevokedKioskKeys(redis, `t${uniqueSuffix()}.`).has('k-1')).toBe(false);
  });

  it('rejects reads and writes while Redis is away, so each caller chooses how to fail', async () => {
    const away = createRedis('redis://127.0.0.1:1', 'test-revocation-lists-away');
    try {
      const kioskKeys = new RevokedKioskKeys(away, prefix);
      await expect(kioskKeys.has('k-1')).rejects.toThrow();
      await expect(kioskKeys.add('k-1')).rejects.toThrow();
      await expect(new RevokedSessions(away, prefix).add(['s-1'], 900)).rejects.toThrow();
    } finally {
      away.disconnect();
    }
  });
});
