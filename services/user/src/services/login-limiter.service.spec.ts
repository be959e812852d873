import { DomainError, PiiCipher, DEVELOPMENT_SECRETS } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { userConfigSchema } from '../config';
import { LoginAttemptsRepository } from '../repositories/login-attempts.repository';
import { LoginLimiter } from './login-limiter.service';

/** An in-memory stand-in for the Redis counters, with a controllable clock. */
class FakeAttempts {
  now = 0;
  readonly windows = new Map<string, { failures: number; endsAt: number }>();
  async read(key: string) {
    const w = this.windows.get(key);
    return w && w.endsAt > this.now ? { failures: w.failures, resetsInMs: w.endsAt - this.now } : { failures: 0, resetsInMs: 0 };
  }
  async increment(key: string, windowSeconds: number) {
    const w = this.windows.get(key);
    if (!w || w.endsAt <= this.now) this.windows.set(key, { failures: 1, endsAt: this.now + windowSeconds * 1000 });
    else w.failures += 1;
  }
  async clear(key: string) {
    this.windows.delete(key);
  }
}

describe('LoginLimiter', () => {
  const config = userConfigSchema.parse({ NODE_ENV: 'test', LOGIN_MAX_FAILURES: '5', LOGIN_LOCKOUT_WINDOW_SECONDS: '900', LOGIN_IP_MAX_FAILURES: '8' });
  const pii = new PiiCipher(DEVELOPMENT_SECRETS.PII_ENCRYPTION_KEY, DEVELOPMENT_SECRETS.PII_HASH_KEY);
  let attempts: FakeAttempts;
  let limiter: LoginLimiter;
  const subject = { account: 'email:someone@example.test', clientIp: '10.0.0.1' };

  beforeEach(() => {
    attempts = new FakeAttempts();
    limiter = new LoginLimiter(attempts as unknown as LoginAttemptsRepository, pii, config);
  });

  async function refusal(s = subject): Promise<DomainError | null> {
    try {
      await limiter.assertAllowed(s);
      return null;
    } catch (error) {
      return error as DomainError;
    }
  }

  it('locks an account after 5 failures until its window ends, telling how long to wait', async () => {
    for (let i = 0; i < 4; i++) await limiter.recordFailure(subject);
    expect(await refusal()).toBeNull();
    await limiter.recordFailure(subject);
    const locked = await refusal();
    expect(locked?.code).toBe(ErrorCode.TOO_MANY_REQUESTS);
    expect(locked?.details).toEqual({ retryAfterSeconds: 900 });
    attempts.now += 900_000;
    expect(await refusal()).toBeNull();
  });

  it('forgets an account’s failures after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await limiter.recordFailure(subject);
    await limiter.recordSuccess(subject);
    await limiter.recordFailure(subject);
    expect(await refusal()).toBeNull();
  });

  it('limits one address across many accounts', async () => {
    for (let i = 0; i < 8; i++) await limiter.recordFailure({ account: `nik:${i}`, clientIp: '10.0.0.9' });
    expect((await refusal({ account: 'nik:fresh', clientIp: '10.0.0.9' }))?.code).toBe(ErrorCode.TOO_MANY_REQUESTS);
    expect(await refusal({ account: 'nik:fresh', clientIp: '10.0.0.10' })).toBeNull();
  });

  it('never puts the account identifier itself into a counter key', async () => {
    await limiter.recordFailure(subject);
    expect([...attempts.windows.keys()].join(' ')).not.toContain('someone@example.test');
  });

  it('lets sign-in proceed when the counters cannot be reached', async () => {
    const broken = { read: () => Promise.reject(new Error('down')), increment: () => Promise.reject(new Error('down')), clear: () => Promise.reject(new Error('down')) };
    const tolerant = new LoginLimiter(broken as unknown as LoginAttemptsRepository, pii, config);
    await expect(tolerant.recordFailure(subject)).resolves.toBeUndefined();
    await expect(tolerant.assertAllowed(subject)).resolves.toBeUndefined();
  });
});
