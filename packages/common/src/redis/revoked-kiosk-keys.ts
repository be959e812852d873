import type Redis from 'ioredis';
import { RevocationList } from './revocation-list';

/** The longest a gateway may trust a kiosk key it verified before (the bound of KIOSK_KEY_CACHE_TTL_MS). */
export const KIOSK_KEY_CACHE_MAX_TTL_MS = 300_000;

/**
 * How long a revoked key stays listed: twice the longest a gateway caches a key, which also covers a
 * verification that was in flight when the key was revoked and is cached when its answer arrives.
 * After that no gateway holds the key any more and the user service refuses it (it is revoked there).
 */
const LISTED_SECONDS = (2 * KIOSK_KEY_CACHE_MAX_TTL_MS) / 1_000;

/**
 * The list of revoked kiosk keys that gateways must refuse at once, even where they still hold the key
 * in their verification cache. The user service, which owns kiosk keys, adds to it when a key is
 * revoked; the gateway reads it whenever it serves a key from its cache. One key per kiosk key:
 * `<RMQ_PREFIX>mediq:revoked-kiosk-key:<kioskKeyId>` (the id, never the secret or its hash).
 */
export class RevokedKioskKeys {
  private readonly list: RevocationList;

  /**
   * `deploymentPrefix`: the deployment's RMQ_PREFIX, so parallel test runs never see each other's lists.
   * `subscriber` (the gateway's): a connection of its own that keeps an in-memory mirror of the list.
   */
  constructor(redis: Redis, deploymentPrefix: string, subscriber?: Redis) {
    this.list = new RevocationList(redis, deploymentPrefix, 'kiosk-key', subscriber);
  }

  /** Lists the key for as long as any gateway may have it cached. Rejects when Redis cannot be written. */
  add(kioskKeyId: string): Promise<void> {
    return this.list.add([kioskKeyId], LISTED_SECONDS);
  }

  /** Whether the key has been revoked lately. Rejects when Redis cannot be read: the caller decides what that means. */
  has(kioskKeyId: string): Promise<boolean> {
    return this.list.has(kioskKeyId);
  }

  /** Stops the mirror's timers (Nest calls it on shutdown; the subscriber connection is the caller's to close). */
  onModuleDestroy(): void {
    this.list.close();
  }
}
