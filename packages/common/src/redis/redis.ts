import Redis from 'ioredis';

/**
 * A Redis connection that never blocks a request when Redis is away: commands fail fast instead
 * of queueing, so callers fall back to the database. Commands issued in the same tick (the rate
 * limit and revocation checks of concurrent requests) leave in one write (auto-pipelining).
 */
export function createRedis(url: string, name: string): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Errors surface on the commands; without a listener ioredis would print each reconnect attempt.
  redis.on('error', () => undefined);
  return redis;
}

/** Pings Redis, first waiting for a connection still being established (bounded by the caller). */
export async function pingRedis(redis: Redis): Promise<void> {
  if (redis.status === 'connecting' || redis.status === 'connect' || redis.status === 'reconnecting') {
    await new Promise<void>((resolve, reject) => {
      redis.once('ready', resolve);
      redis.once('end', () => reject(new Error('Redis connection ended')));
    });
  }
  await redis.ping();
}
