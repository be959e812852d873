import { Logger } from '@nestjs/common';
import { DomainError, RevokedKioskKeys } from '@mediq/common';
import { ErrorCode, KioskKeyIdentity } from '@mediq/contracts';
import { gatewayConfigSchema } from '../config';
import { DownstreamService } from '../rpc/downstream.service';
import { KioskKeyVerifier } from './kiosk-keys.verifier';

/** The revocation list in memory; `unreadable` makes lookups fail as they do when Redis is down. */
class FakeRevokedKioskKeys {
  readonly revoked = new Set<string>();
  unreadable = false;
  async has(kioskKeyId: string) {
    if (this.unreadable) throw new Error('Stream isn\'t writeable and enableOfflineQueue options is false');
    return this.revoked.has(kioskKeyId);
  }
}

describe('KioskKeyVerifier', () => {
  /** The user service's keys: key -> identity; a key missing here (unknown or revoked) is refused. */
  let valid: Map<string, KioskKeyIdentity>;
  let list: FakeRevokedKioskKeys;
  const call = jest.fn(async (_contract: unknown, data: { key: string }) => {
    const identity = valid.get(data.key);
    if (!identity) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The kiosk key is invalid or has been revoked');
    return identity;
  });
  const verifier = (ttl: string) =>
    new KioskKeyVerifier(
      { call } as unknown as DownstreamService,
      gatewayConfigSchema.parse({ KIOSK_KEY_CACHE_TTL_MS: ttl }),
      list as unknown as RevokedKioskKeys,
    );
  /** The user service revokes a key: refuses it from now on and lists it in Redis. */
  const revoke = (key: string) => {
    list.revoked.add(valid.get(key)!.kioskKeyId);
    valid.delete(key);
  };
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  beforeEach(() => {
    call.mockClear();
    valid = new Map([
      ['lobby-key', { kioskKeyId: 'k1', institutionId: 'inst-A' }],
      ['poli-key', { kioskKeyId: 'k2', institutionId: 'inst-A' }],
    ]);
    list = new FakeRevokedKioskKeys();
  });

  it('asks the user service once per cache interval for a valid key', async () => {
    const cached = verifier('60000');
    expect(await cached.verify('lobby-key')).toEqual({ kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'inst-A' });
    expect(await cached.verify('lobby-key')).toEqual({ kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'inst-A' });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('refuses a cached key as soon as it is listed as revoked, and keeps serving another key of the institution from the cache', async () => {
    const cached = verifier('60000');
    await cached.verify('lobby-key');
    await cached.verify('poli-key');
    revoke('lobby-key');

    expect(await refusal(cached.verify('lobby-key'))).toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    expect(await refusal(cached.verify('lobby-key'))).toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    expect(await cached.verify('poli-key')).toMatchObject({ kioskKeyId: 'k2' });
    // Two refusals from the user service; the other key never went back to it.
    expect(call.mock.calls.map(([, data]) => data.key)).toEqual(['lobby-key', 'poli-key', 'lobby-key', 'lobby-key']);
  });

  it('never caches a refusal, and asks every time when caching is off', async () => {
    const cached = verifier('60000');
    await expect(cached.verify('bad')).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    await expect(cached.verify('bad')).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    expect(call).toHaveBeenCalledTimes(2);
    const uncached = verifier('0');
    await uncached.verify('lobby-key');
    await uncached.verify('lobby-key');
    expect(call).toHaveBeenCalledTimes(4);
  });

  it('with the list unreadable, checks every use of a cached key with the user service (a revoked key is refused, a valid one served), warning once', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const cached = verifier('60000');
    await cached.verify('lobby-key');
    await cached.verify('poli-key');
    list.unreadable = true;
    valid.delete('lobby-key');

    expect(await refusal(cached.verify('lobby-key'))).toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    expect(await cached.verify('poli-key')).toMatchObject({ kioskKeyId: 'k2' });
    expect(await cached.verify('poli-key')).toMatchObject({ kioskKeyId: 'k2' });
    expect(call).toHaveBeenCalledTimes(5);
    expect(warn).toHaveBeenCalledTimes(1);

    list.unreadable = false;
    await cached.verify('poli-key');
    expect(call).toHaveBeenCalledTimes(5);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ event: 'kiosk-key-revocation-store', state: 'up' }));
    warn.mockRestore();
    log.mockRestore();
  });
});
