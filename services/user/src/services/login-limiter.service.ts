import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, PiiCipher } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { USER_CONFIG, UserConfig } from '../config';
import { LoginAttemptsRepository, LoginCounters } from '../repositories/login-attempts.repository';

/** What a sign-in attempt is counted against: the account identifier and the caller's address (both hashed). */
export interface LoginSubject {
  /** `email:<address>` or `nik:<16 digits>`; only its keyed hash reaches Redis. */
  account: string;
  clientIp?: string;
}

/** A back-off a failure started: how long the address must wait for this account, and why. */
export interface Backoff {
  retryAfterSeconds: number;
  /** `address`: this address failed too often; `account`: the account is under attack from several addresses. */
  reason: 'address' | 'account';
}

/**
 * Brute-force protection that does not lock the owner out (rate-limiter-flexible's "consecutive
 * failures by username and IP" recipe, with growing delays instead of one long lock):
 * - failures are counted per account *and* source address; after LOGIN_MAX_FAILURES in a row that
 *   address waits for that account LOGIN_BACKOFF_BASE_SECONDS, doubling with each further failure up
 *   to LOGIN_BACKOFF_MAX_SECONDS; a success from the address forgets its failures;
 * - once the account has LOGIN_ACCOUNT_STREAK failures from all addresses together (an attack
 *   spread over addresses), each address that fails on it backs off from its first failure;
 * - an address with no failures on the account (its owner at home, the clinic next door) signs in;
 * - an address failing LOGIN_IP_MAX_FAILURES times over all accounts in its window waits (set high:
 *   a clinic's NAT is one address).
 * Refusals are LOCKED_OUT (429) with details.retryAfterSeconds. An identifier that matches no account
 * is counted the same way, so the answers never tell whether it exists. If Redis is unreachable the
 * limits are skipped (and logged) rather than blocking every sign-in.
 */
@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger(LoginLimiter.name);

  constructor(
    @Inject(LoginAttemptsRepository) private readonly counters: LoginCounters,
    private readonly pii: PiiCipher,
    @Inject(USER_CONFIG) private readonly config: UserConfig,
  ) {}

  async assertAllowed(subject: LoginSubject): Promise<void> {
    const keys = this.keys(subject);
    const [backoff, address] = await Promise.all([this.safely(() => this.counters.backoff.get(keys.pair)), this.safely(() => this.counters.address.get(keys.address))]);
    if (backoff && backoff.consumedPoints > this.counters.backoff.points && backoff.msBeforeNext > 0) throw lockedOut(backoff.msBeforeNext);
    if (address && address.consumedPoints >= this.config.LOGIN_IP_MAX_FAILURES && address.msBeforeNext > 0) throw lockedOut(address.msBeforeNext);
  }

  /** Counts a failure; returns the back-off it started, if any (for the audit trail). */
  async recordFailure(subject: LoginSubject): Promise<Backoff | null> {
    const keys = this.keys(subject);
    const [pair, account] = await Promise.all([
      this.safely(() => this.counters.pair.penalty(keys.pair)),
      this.safely(() => this.counters.account.penalty(keys.account)),
      this.safely(() => this.counters.address.penalty(keys.address)),
    ]);
    if (!pair) return null;
    const underAttack = (account?.consumedPoints ?? 0) >= this.config.LOGIN_ACCOUNT_STREAK;
    const threshold = underAttack ? 1 : this.config.LOGIN_MAX_FAILURES;
    const beyond = pair.consumedPoints - threshold;
    if (beyond < 0) return null;
    const retryAfterSeconds = Math.min(this.config.LOGIN_BACKOFF_MAX_SECONDS, this.config.LOGIN_BACKOFF_BASE_SECONDS * 2 ** Math.min(beyond, 20));
    await this.safely(() => this.counters.backoff.block(keys.pair, retryAfterSeconds));
    return { retryAfterSeconds, reason: underAttack ? 'account' : 'address' };
  }

  /** A success from an address forgets that address's failures on the account. */
  async recordSuccess(subject: LoginSubject): Promise<void> {
    const { pair } = this.keys(subject);
    await Promise.all([this.safely(() => this.counters.pair.delete(pair)), this.safely(() => this.counters.backoff.delete(pair))]);
  }

  private keys(subject: LoginSubject) {
    const account = this.pii.hash(subject.account);
    const address = this.pii.hash(`ip:${subject.clientIp ?? 'unknown'}`);
    return { account, address, pair: `${account}|${address}` };
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

function lockedOut(msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError(ErrorCode.LOCKED_OUT, `Too many failed sign-in attempts. Try again in ${formatWait(retryAfterSeconds)}.`, { retryAfterSeconds });
}

function formatWait(seconds: number): string {
  return seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
