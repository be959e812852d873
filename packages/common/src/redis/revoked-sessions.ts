import type Redis from 'ioredis';

/**
 * Extra seconds a revocation is kept beyond the access-token lifetime, so a gateway whose clock runs
 * behind the user service's (it checks `exp` with its own clock) still refuses the last tokens.
 */
const CLOCK_SKEW_SECONDS = 60;

/** How long a command waits for a connection still being opened; during an outage commands fail at once. */
const CONNECT_WAIT_MS = 1_000;

/**
 * The list of ended sessions (refresh-token families) whose access tokens the gateway must refuse
 * before they expire. The user service, which owns sessions, adds to it; the gateway reads it on
 * every request carrying an access token. One key per session:
 * `<RMQ_PREFIX>mediq:revoked-session:<sessionId>`, kept for as long as an access token issued before
 * the revocation can still be valid, then gone by itself.
 */
export class RevokedSessions {
  private readonly prefix: string;

  /** `deploymentPrefix`: the deployment's RMQ_PREFIX, so parallel test runs never see each other's lists. */
  constructor(
    private readonly redis: Redis,
    deploymentPrefix: string,
  ) {
    this.prefix = `${deploymentPrefix}mediq:revoked-session:`;
  }

  /** Lists `sessionIds` for the lifetime of their access tokens. Rejects when Redis cannot be written. */
  async add(sessionIds: readonly string[], accessTokenTtlSeconds: number): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.connected();
    const pipeline = this.redis.pipeline();
    for (const sessionId of sessionIds) pipeline.set(this.prefix + sessionId, '1', 'EX', accessTokenTtlSeconds + CLOCK_SKEW_SECONDS);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis did not answer the revocation');
  }

  /** Whether the session has ended. Rejects when Redis cannot be read: the caller decides what that means. */
  async has(sessionId: string): Promise<boolean> {
    await this.connected();
    return (await this.redis.exists(this.prefix + sessionId)) === 1;
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
}
