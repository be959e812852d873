import { Injectable } from '@nestjs/common';
import { DomainError, PiiCipher } from '@mediq/common';
import { Actor, ErrorCode, TotpEnrolment } from '@mediq/contracts';
import { authenticator } from 'otplib';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { UsersRepository } from '../repositories/users.repository';
import { isStaff } from './access-policy';

const ISSUER = 'MediQ';

/**
 * Authenticator-app second factor for staff. Enrolment stores a new secret (sealed with the PII key);
 * it takes effect only once a code from the app confirms it, and from then on admin sign-in needs a code.
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
    const secret = authenticator.generateSecret();
    await this.users.update(user.id, { totpSecret: this.pii.encrypt(secret) });
    await this.audit.record(actor, 'auth.totp.enrol', user.id);
    return { secret, otpauthUri: authenticator.keyuri(user.email ?? user.id, ISSUER, secret) };
  }

  async confirm(actor: Actor, code: string): Promise<{ totpEnabled: true }> {
    const user = await this.staffUser(actor);
    if (user.totpEnabled) return { totpEnabled: true };
    if (!user.totpSecret) throw new DomainError(ErrorCode.INVALID_TRANSITION, 'Start two-factor enrolment first');
    if (!this.matches(user, code)) throw DomainError.validation('The authenticator code is incorrect', { code: 'does not match' });
    await this.users.update(user.id, { totpEnabled: true });
    await this.audit.record(actor, 'auth.totp.confirm', user.id);
    return { totpEnabled: true };
  }

  matches(user: Pick<User, 'totpSecret'>, code: string): boolean {
    if (!user.totpSecret || typeof code !== 'string' || !/^\d{6}$/.test(code)) return false;
    return authenticator.check(code, this.pii.decrypt(user.totpSecret));
  }

  private async staffUser(actor: Actor): Promise<User> {
    if (!isStaff(actor)) throw DomainError.forbidden('Two-factor sign-in is for staff accounts');
    const user = await this.users.findById(actor.userId!);
    if (!user) throw DomainError.notFound('The user');
    return user;
  }
}
