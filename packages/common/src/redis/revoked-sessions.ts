import type Redis from 'ioredis';
import { RevocationList } from './revocation-list';

/**
 * Extra seconds a revocation is kept beyond the access-token lifetime, so a gateway whose clock runs
 * behind the user service's (it checks `exp` with its own clock) still refuses the last tokens.
 */
const CLOCK_SKEW_SECONDS = 60;

/**
 * The list of ended sessions (refresh-token families) whose access tokens the gateway must refuse
 * before they expire. The user service, which owns sessions, adds to it; the gateway reads it on
 * every request carrying an access token. One key per session:
 * `<RMQ_PREFIX>mediq:revoked-session:<sessionId>`, kept for as long as an access token issued before
 * the revocation can still be valid, then gone by itself.
 */
export class RevokedSessions {
  private readonly list: RevocationList;

  /**
   * `deploymentPrefix`: the deployment's RMQ_PREFIX, so parallel test runs never see each other's lists.
   * `subscriber` (the gateway's): a connection of its own that keeps an in-memory mirror of the list.
   */
  constructor(redis: Redis, deploymentPrefix: string, subscriber?: Redis) {
    this.list = new RevocationList(redis, deploymentPrefix, 'session', subscriber);
  }

  /** Lists `sessionIds` for the lifetime of their access tokens. Rejects when Redis cannot be written. */
  add(sessionIds: readonly string[], accessTokenTtlSeconds: number): Promise<void> {
    return this.list.add(sessionIds, accessTokenTtlSeconds + CLOCK_SKEW_SECONDS);
  }

  /** Whether the session has ended. Rejects when Redis cannot be read: the caller decides what that means. */
  has(sessionId: string): Promise<boolean> {
    return this.list.has(sessionId);
  }

  /** Stops the mirror's timers (Nest calls it on shutdown; the subscriber connection is the caller's to close). */
  onModuleDestroy(): void {
    this.list.close();
  }
}
