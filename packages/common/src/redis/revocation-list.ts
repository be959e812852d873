import type Redis from 'ioredis';
import { RevocationMirror } from './revocation-mirror';

/** How long a command waits for a connection still being opened; during an outage commands fail at once. */
const CONNECT_WAIT_MS = 1_000;

/**
 * A list in Redis of things revoked somewhere that every gateway replica must refuse at once: one key
 * per entry, `<RMQ_PREFIX>mediq:revoked-<kind>:<id>`, gone by itself when it is no longer needed.
 * The owner of the thing writes it and publishes the ids on `<prefix>mediq:revoked-<kind>` in the same
 * round trip; the gateway reads it, from an in-memory mirror fed by that channel when given a subscriber
 * connection (RevocationMirror), else from Redis. `RevokedSessions` and `RevokedKioskKeys` say what is
 * listed and for how long.
 */
export class RevocationList {
  private readonly prefix: string;
  private readonly channel: string;
  private readonly mirror?: RevocationMirror;

  /**
   * `deploymentPrefix`: the deployment's RMQ_PREFIX, so parallel test runs never see each other's lists.
   * `subscriber`: a connection of its own for the mirror (a subscribed connection runs no other command).
   */
  constructor(
    private readonly redis: Redis,
    deploymentPrefix: string,
    kind: string,
    subscriber?: Redis,
  ) {
    this.prefix = `${deploymentPrefix}mediq:revoked-${kind}:`;
    this.channel = `${deploymentPrefix}mediq:revoked-${kind}`;
    if (subscriber) this.mirror = new RevocationMirror(redis, subscriber, this.prefix, this.channel);
  }

  /** Lists `ids` for `seconds`. Rejects when Redis cannot be written. */
  async add(ids: readonly string[], seconds: number): Promise<void> {
    if (ids.length === 0) return;
    await this.connected();
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.set(this.prefix + id, '1', 'EX', seconds);
    pipeline.publish(this.channel, JSON.stringify({ ids, seconds }));
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis did not answer the revocation');
  }

  /**
   * Whether `id` is listed: from the mirror while it is in step with Redis, else from Redis. Rejects when
   * Redis cannot be read: the caller decides what that means.
   */
  async has(id: string): Promise<boolean> {
    if (this.mirror?.synced) return this.mirror.has(id);
    await this.connected();
    return (await this.redis.exists(this.prefix + id)) === 1;
  }

  /**
   * Waits for a connection that is being opened (a process just started), so its first requests are
   * not refused; a connection that is down fails the command at once (no offline queue).
   */
  private async connected(): Promise<void> {
    const status = this.redis.status;
    if (status !== 'connecting' && status !== 'connect') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done).off('close', done).off('end', done);
        resolve();
      };
      const timer = setTimeout(done, CONNECT_WAIT_MS);
      this.redis.once('ready', done).once('close', done).once('end', done);
    });
  }

  /** Stops the mirror's timers (the subscriber connection belongs to the caller). */
  close(): void {
    this.mirror?.close();
  }
}
