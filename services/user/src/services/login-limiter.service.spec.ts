import { DomainError, PiiCipher, DEVELOPMENT_SECRETS } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { userConfigSchema } from '../config';
import { COUNT_ONLY, LoginCounters } from '../repositories/login-attempts.repository';
import { LoginLimiter } from './login-limiter.service';

/** The same limiters as in Redis, in memory; jest's fake clock moves time. */
function memoryCounters(ipMax: number, ipWindow: number): LoginCounters {
  return {
    pair: new RateLimiterMemory({ points: COUNT_ONLY, duration: 86_400 }),
    account: new RateLimiterMemory({ points: COUNT_ONLY, duration: 86_400 }),
    address: new RateLimiterMemory({ points: ipMax, duration: ipWindow }),
    backoff: new RateLimiterMemory({ points: 1, duration: 1 }),
  };
}

describe('LoginLimiter', () => {
  const config = userConfigSchema.parse({
    NODE_ENV: 'test',
    LOGIN_MAX_FAILURES: '5',
    LOGIN_BACKOFF_BASE_SECONDS: '15',
    LOGIN_BACKOFF_MAX_SECONDS: '900',
    LOGIN_ACCOUNT_STREAK: '12',
    LOGIN_IP_MAX_FAILURES: '40',
    LOGIN_IP_WINDOW_SECONDS: '3600',
  });
  const pii = new PiiCipher(DEVELOPMENT_SECRETS.PII_ENCRYPTION_KEY, DEVELOPMENT_SECRETS.PII_HASH_KEY);
  let limiter: LoginLimiter;
  const attacker = { account: 'email:someone@example.test', clientIp: '203.0.113.9' };
  const owner = { account: 'email:someone@example.test', clientIp: '10.0.0.1' };

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-07T00:00:00Z') });
    limiter = new LoginLimiter(memoryCounters(config.LOGIN_IP_MAX_FAILURES, config.LOGIN_IP_WINDOW_SECONDS), pii, config);
  });
  afterEach(() => jest.useRealTimers());

  async function refusal(subject = attacker): Promise<DomainError | null> {
    try {
      await limiter.assertAllowed(subject);
      return null;
    } catch (error) {
      return error as DomainError;
    }
  }

  it('backs an address off after 5 failures in a row, doubling the wait with each further failure up to the maximum', async () => {
    for (let i = 0; i < 4; i++) expect(await limiter.recordFailure(attacker)).toBeNull();
    expect(await refusal()).toBeNull();
    const waits: number[] = [];
    let backoff = await limiter.recordFailure(attacker);
    while (backoff) {
      waits.push(backoff.retryAfterSeconds);
      const refused = await refusal();
      expect(refused?.code).toBe(ErrorCode.LOCKED_OUT);
      expect(refused?.details).toEqual({ retryAfterSeconds: backoff.retryAfterSeconds });
      jest.advanceTimersByTime(backoff.retryAfterSeconds * 1000);
      expect(await refusal()).toBeNull();
      if (waits.length === 8) break;
      backoff = await limiter.recordFailure(attacker);
    }
    expect(waits).toEqual([15, 30, 60, 120, 240, 480, 900, 900]);
  });

  it("never holds back the owner's address, which has no failures, while the attacker's waits", async () => {
    for (let i = 0; i < 7; i++) await limiter.recordFailure(attacker);
    expect((await refusal(attacker))?.code).toBe(ErrorCode.LOCKED_OUT);
    expect(await refusal(owner)).toBeNull();
  });

  it('forgets an address’s failures after it signs in successfully', async () => {
    for (let i = 0; i < 4; i++) await limiter.recordFailure(owner);
    await limiter.recordSuccess(owner);
    for (let i = 0; i < 4; i++) expect(await limiter.recordFailure(owner)).toBeNull();
    expect(await refusal(owner)).toBeNull();
  });

  it('under an attack spread over addresses, each failing address backs off from its first failure; clean ones still pass', async () => {
    for (let i = 0; i < 12; i++) await limiter.recordFailure({ ...attacker, clientIp: `198.51.100.${i}` });
    const next = await limiter.recordFailure({ ...attacker, clientIp: '198.51.100.200' });
    expect(next).toEqual({ retryAfterSeconds: 15, reason: 'account' });
    expect((await refusal({ ...attacker, clientIp: '198.51.100.200' }))?.code).toBe(ErrorCode.LOCKED_OUT);
    expect(await refusal(owner)).toBeNull();
  });

  it('makes an address that fails on very many accounts wait, whatever account it tries', async () => {
    for (let i = 0; i < 40; i++) await limiter.recordFailure({ account: `nik:32010145089000${String(i).padStart(2, '0')}`, clientIp: attacker.clientIp });
    const refused = await refusal({ account: 'nik:3201014508900099', clientIp: attacker.clientIp });
    expect(refused?.code).toBe(ErrorCode.LOCKED_OUT);
    expect(await refusal({ account: 'nik:3201014508900099', clientIp: owner.clientIp })).toBeNull();
  });
});
