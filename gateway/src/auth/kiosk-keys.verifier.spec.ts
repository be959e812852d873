import { DomainError } from '@mediq/common';
import { ErrorCode, KioskKeyIdentity } from '@mediq/contracts';
import { gatewayConfigSchema } from '../config';
import { DownstreamService } from '../rpc/downstream.service';
import { KioskKeyVerifier } from './kiosk-keys.verifier';

describe('KioskKeyVerifier', () => {
  const identity: KioskKeyIdentity = { kioskKeyId: 'k1', institutionId: 'inst-A' };
  const call = jest.fn(async (_contract: unknown, data: { key: string }) => {
    if (data.key !== 'good') throw new DomainError(ErrorCode.UNAUTHENTICATED, 'bad key');
    return identity;
  });
  const verifier = (ttl: string) => new KioskKeyVerifier({ call } as unknown as DownstreamService, gatewayConfigSchema.parse({ KIOSK_KEY_CACHE_TTL_MS: ttl }));

  beforeEach(() => call.mockClear());

  it('asks the user service once per cache interval for a valid key', async () => {
    const cached = verifier('60000');
    expect(await cached.verify('good')).toEqual({ kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'inst-A' });
    await cached.verify('good');
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('never caches a refusal, and asks every time when caching is off', async () => {
    const cached = verifier('60000');
    await expect(cached.verify('bad')).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    await expect(cached.verify('bad')).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    expect(call).toHaveBeenCalledTimes(2);
    const uncached = verifier('0');
    await uncached.verify('good');
    await uncached.verify('good');
    expect(call).toHaveBeenCalledTimes(4);
  });
});
