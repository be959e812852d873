import { Inject, Injectable } from '@nestjs/common';
import { Actor, KioskKeyContracts } from '@mediq/contracts';
import { createHash } from 'node:crypto';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { DownstreamService } from '../rpc/downstream.service';

const MAX_CACHED_KEYS = 1_000;

/**
 * Checks a kiosk's x-api-key with the user service, which owns the (hashed) keys. A verified key is
 * trusted for KIOSK_KEY_CACHE_TTL_MS, so a busy kiosk costs one RPC per interval; a revocation
 * therefore takes effect within that interval. Failures are never cached.
 */
@Injectable()
export class KioskKeyVerifier {
  private readonly cache = new Map<string, { actor: Actor; expiresAt: number }>();

  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async verify(key: string): Promise<Actor> {
    const cacheKey = createHash('sha256').update(key).digest('hex');
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > Date.now()) return cached.actor;
    this.cache.delete(cacheKey);

    const identity = await this.downstream.call(KioskKeyContracts.verify, { key });
    const actor: Actor = { kind: 'kiosk', kioskKeyId: identity.kioskKeyId, institutionId: identity.institutionId };
    if (this.config.KIOSK_KEY_CACHE_TTL_MS > 0) {
      if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(cacheKey, { actor, expiresAt: Date.now() + this.config.KIOSK_KEY_CACHE_TTL_MS });
    }
    return actor;
  }
}
