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

  describe('the gateway\'s in-memory mirror (a subscriber connection of its own)', () => {
    const until = async (condition: () => boolean | Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await condition()).toBe(true);
    };
    const synced = (list: RevokedSessions) => (list as unknown as { list: { mirror: { synced: boolean } } }).list.mirror.synced;

    it('loads what was listed before it started, hears what is listed after, and answers from memory', async () => {
      const writer = new RevokedSessions(redis, prefix);
      await writer.add(['m-before'], 900);
      const subscriber = createRedis(TEST_REDIS_URL, 'test-revocation-mirror');
      const reader = new RevokedSessions(redis, prefix, subscriber);
      try {
        await until(() => synced(reader));
        expect(await reader.has('m-before')).toBe(true);
        await writer.add(['m-after'], 900);
        await until(() => reader.has('m-after'));
        expect(await reader.has('m-other')).toBe(false);
        // Deleted behind its back, the key is still refused: the answer came from the mirror, not from Redis.
        await redis.del(`${prefix}mediq:revoked-session:m-after`);
        expect(await reader.has('m-after')).toBe(true);
      } finally {
        reader.onModuleDestroy();
        subscriber.disconnect();
      }
    });

    it('reads Redis while its subscription is down, and loads the list again once it is back', async () => {
      const subscriber = createRedis(TEST_REDIS_URL, 'test-revocation-mirror-reconnect');
      const reader = new RevokedSessions(redis, prefix, subscriber);
      const writer = new RevokedSessions(redis, prefix);
      try {
        await until(() => synced(reader));
        // The subscriber's connection is cut (as when Redis restarts); meanwhile a session ends.
        const clients = String(await redis.client('LIST'));
        const id = clients.split('\n').find((line) => line.includes(' name=test-revocation-mirror-reconnect '))?.match(/^id=(\d+)/)?.[1];
        expect(id).toBeDefined();
        await redis.client('KILL', 'ID', id!);
        await until(() => !synced(reader));
        await writer.add(['m-while-down'], 900);
        expect(await reader.has('m-while-down')).toBe(true);
        await until(() => synced(reader));
        expect(await reader.has('m-while-down')).toBe(true);
      } finally {
        reader.onModuleDestroy();
        subscriber.disconnect();
      }
    });
  });
});
