import { Injectable } from '@nestjs/common';
import { DomainError, PiiCipher } from '@mediq/common';
import { Actor, ErrorCode, TotpEnrolment } from '@mediq/contracts';
import { authenticator } from 'otplib';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { UsersRepository } from '../repositories/users.repository';
import { isStaff } from './access-policy';

const ISSUER = 'MediQ';
/** Codes of the previous and next 30-second step are accepted too: a phone's clock drifts, and typing takes time. */
const authenticatorCodes = authenticator.clone({ window: 1 });

/**
 * Authenticator-app second factor for staff. Enrolment stores a new secret (sealed with the PII key);
 * it takes effect only once a code from the app confirms it, and from then on admin sign-in needs a code.
 * Each code is accepted once: a code seen over someone's shoulder, or used to confirm, does not sign in again.
 */
@Injectable()
export class TotpService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly pii: PiiCipher,
  ) {}

  async enrol(actor: Actor): Promise<TotpEnrolment> {
    const user = await this.staffUser(actor);
    if (user.totpEnabled) throw new DomainError(ErrorCode.CONFLICT, 'Two-factor sign-in is already enabled for this account');
    const secret = authenticatorCodes.generateSecret();
    await this.users.update(user.id, { totpSecret: this.pii.encrypt(secret) });
    await this.audit.record(actor, 'auth.totp.enrol', user.id);
    return { secret, otpauthUri: authenticatorCodes.keyuri(user.email ?? user.id, ISSUER, secret) };
  }

  async confirm(actor: Actor, code: string): Promise<{ totpEnabled: true }> {
    const user = await this.staffUser(actor);
    if (user.totpEnabled) return { totpEnabled: true };
    if (!user.totpSecret) throw new DomainError(ErrorCode.INVALID_TRANSITION, 'Start two-factor enrolment first');
    if (!(await this.consume(user, code))) throw DomainError.validation('The authenticator code is incorrect', { code: 'does not match' });
    await this.users.update(user.id, { totpEnabled: true });
    await this.audit.record(actor, 'auth.totp.confirm', user.id);
    return { totpEnabled: true };
  }

  /** True when `code` is the user's current code (one step either side) and no code of that step or a later one was used before. */
  async consume(user: Pick<User, 'id' | 'totpSecret'>, code: string): Promise<boolean> {
    if (!user.totpSecret || typeof code !== 'string' || !/^\d{6}$/.test(code)) return false;
    const now = Date.now();
    const delta = authenticatorCodes.clone({ epoch: now }).checkDelta(code, this.pii.decrypt(user.totpSecret));
    if (delta === null) return false;
    const step = Math.floor(now / 1000 / authenticatorCodes.allOptions().step) + delta;
    return this.users.claimTotpStep(user.id, step);
  }

  private async staffUser(actor: Actor): Promise<User> {
    if (!isStaff(actor)) throw DomainError.forbidden('Two-factor sign-in is for staff accounts');
    const user = await this.users.findById(actor.userId!);
    if (!user) throw DomainError.notFound('The user');
    return user;
  }
}
