import { Inject, Injectable, Logger } from '@nestjs/common';
import { RevokedKioskKeys } from '@mediq/common';
import { Actor, KioskKeyContracts, KioskKeyIdentity } from '@mediq/contracts';
import { createHash } from 'node:crypto';
import { StoreOutageLog } from '../common/store-outage-log';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { DownstreamService } from '../rpc/downstream.service';

const MAX_CACHED_KEYS = 1_000;

function kioskActor({ kioskKeyId, institutionId }: KioskKeyIdentity): Actor {
  return { kind: 'kiosk', kioskKeyId, institutionId };
}

/**
 * Checks a kiosk's x-api-key with the user service, which owns the (hashed) keys. A verified key is
 * kept for KIOSK_KEY_CACHE_TTL_MS, so a busy kiosk costs one RPC per interval; failures are never cached.
 * A revoked key is refused at once all the same: before serving a key from the cache, the gateway looks
 * its id up in the list of revoked kiosk keys the user service writes to Redis (one Redis lookup), and a
 * listed key is dropped from the cache and checked with the user service, which refuses it.
 */
@Injectable()
export class KioskKeyVerifier {
  private readonly cache = new Map<string, { identity: KioskKeyIdentity; expiresAt: number }>();
  private readonly outage = new StoreOutageLog(new Logger(KioskKeyVerifier.name), 'kiosk-key-revocation-store', {
    down: (reason) => `kiosk key revocation list unreadable: Redis unavailable (${reason}); every kiosk request is checked with the user service`,
    up: 'kiosk key revocation list readable again',
  });

  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly revokedKioskKeys: RevokedKioskKeys,
  ) {}

  async verify(key: string): Promise<Actor> {
    const cacheKey = createHash('sha256').update(key).digest('hex');
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > Date.now() && (await this.notRevoked(cached.identity))) return kioskActor(cached.identity);
    this.cache.delete(cacheKey);

    const identity = await this.downstream.call(KioskKeyContracts.verify, { key });
    if (this.config.KIOSK_KEY_CACHE_TTL_MS > 0) {
      if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(cacheKey, { identity, expiresAt: Date.now() + this.config.KIOSK_KEY_CACHE_TTL_MS });
    }
    return kioskActor(identity);
  }

  /**
   * Whether a cached key may be served without asking the user service: only when Redis says it has
   * not been revoked. When Redis cannot be read, the key is checked with the user service instead
   * (neither open nor closed): kiosks are unattended, and a stolen key is what revocation is for, so an
   * unverifiable cache entry is never trusted; yet kiosks register patients, so they keep working
   * through a Redis outage as long as the user service answers, at one RPC per request.
   */
  private async notRevoked({ kioskKeyId }: KioskKeyIdentity): Promise<boolean> {
    try {
      const revoked = await this.revokedKioskKeys.has(kioskKeyId);
      this.outage.answered();
      return !revoked;
    } catch (error) {
      this.outage.failed(error);
      return false;
    }
  }
}
