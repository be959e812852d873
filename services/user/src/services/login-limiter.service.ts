import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, PiiCipher } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { USER_CONFIG, UserConfig } from '../config';
import { LoginAttemptsRepository } from '../repositories/login-attempts.repository';

/** What a sign-in attempt is counted against: the account identifier (hashed) and the caller's address. */
export interface LoginSubject {
  /** `email:<address>` or `nik:<16 digits>`; only its keyed hash reaches Redis. */
  account: string;
  clientIp?: string;
}

/**
 * Brute-force limits: an account locks after LOGIN_MAX_FAILURES failures within its window, and an
 * address after LOGIN_IP_MAX_FAILURES; both answer 429 with the seconds to wait. An identifier that
 * matches no account is counted the same way, so the answers never tell whether it exists.
 * If Redis is unreachable the limits are skipped (and logged) rather than blocking every sign-in.
 */
@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger(LoginLimiter.name);

  constructor(
    private readonly attempts: LoginAttemptsRepository,
    private readonly pii: PiiCipher,
    @Inject(USER_CONFIG) private readonly config: UserConfig,
  ) {}

  async assertAllowed(subject: LoginSubject): Promise<void> {
    for (const { key, max } of this.counters(subject)) {
      const state = await this.safely(() => this.attempts.read(key));
      if (state && state.failures >= max) {
        const retryAfterSeconds = Math.max(1, Math.ceil(state.resetsInMs / 1000));
        throw new DomainError(
          ErrorCode.TOO_MANY_REQUESTS,
          `Too many failed sign-in attempts. Try again in ${formatWait(retryAfterSeconds)}.`,
          { retryAfterSeconds },
        );
      }
    }
  }

  async recordFailure(subject: LoginSubject): Promise<void> {
    for (const { key, window } of this.counters(subject)) await this.safely(() => this.attempts.increment(key, window));
  }

  async recordSuccess(subject: LoginSubject): Promise<void> {
    await this.safely(() => this.attempts.clear(this.accountKey(subject)));
  }

  private counters(subject: LoginSubject) {
    const counters = [{ key: this.accountKey(subject), max: this.config.LOGIN_MAX_FAILURES, window: this.config.LOGIN_LOCKOUT_WINDOW_SECONDS }];
    if (subject.clientIp) {
      counters.push({ key: `ip:${subject.clientIp}`, max: this.config.LOGIN_IP_MAX_FAILURES, window: this.config.LOGIN_IP_WINDOW_SECONDS });
    }
    return counters;
  }

  private accountKey(subject: LoginSubject): string {
    return `account:${this.pii.hash(subject.account)}`;
  }

  private async safely<T>(operation: () => Promise<T>): Promise<T | null> {
    try {
      return await operation();
    } catch (error) {
      this.logger.warn(`Sign-in limits unavailable (Redis): ${error instanceof Error ? error.message : 'unknown error'}`);
      return null;
    }
  }
}

function formatWait(seconds: number): string {
  return seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
