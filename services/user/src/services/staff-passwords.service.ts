import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { Actor, ChangePasswordRequest, ErrorCode, LoginReply, TemporaryPasswordReply } from '@mediq/contracts';
import { randomInt } from 'node:crypto';
import { AuditRepository } from '../repositories/audit.repository';
import { UsersRepository } from '../repositories/users.repository';
import { canManage } from './access-policy';
import { AuthService } from './auth.service';
import { LoginLimiter, LoginSubject } from './login-limiter.service';
import { PasswordHasher } from './password-hasher';
import { assertStrongPassword, preparePasswordPolicy } from './password-policy';
import { SessionsService } from './sessions.service';
import { TotpService } from './totp.service';

/** No 0/O, 1/l/I: read aloud or copied from a screen without mistakes. */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Staff passwords after creation: an administrator resets a forgotten one to a one-time password
 * (which must be changed at the next sign-in), and staff change their own. Both end the account's
 * other sessions.
 */
@Injectable()
export class StaffPasswordsService implements OnModuleInit {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly limiter: LoginLimiter,
    private readonly totp: TotpService,
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
    private readonly audit: AuditRepository,
  ) {}

  /** Builds the password estimator before the service takes requests (staff creation uses it too). */
  onModuleInit(): void {
    preparePasswordPolicy();
  }

  /** An administrator of the staff member's institution (never for themselves: they change their own). */
  async reset(actor: Actor, id: string): Promise<TemporaryPasswordReply> {
    const target = typeof id === 'string' ? await this.users.findById(id) : null;
    if (!target) throw DomainError.notFound('The user');
    if (!canManage(actor, target)) throw DomainError.forbidden('Only an administrator of this institution can reset another staff member’s password');
    if (target.role === 'PASIEN') throw new DomainError(ErrorCode.UNPROCESSABLE, 'Patients sign in with their NIK and name; they have no password');
    const temporaryPassword = temporaryPasswordText();
    await this.users.update(target.id, { passwordHash: await this.passwords.hash(temporaryPassword), mustChangePassword: true });
    await this.sessions.endAllOf(target.id, 'PASSWORD_CHANGED');
    await this.audit.record(actor, 'user.password.reset', target.id);
    return { userId: target.id, temporaryPassword };
  }

  /** The current password (and TOTP code, once enrolled) proves who it is; counted like a sign-in. */
  async change(request: ChangePasswordRequest): Promise<LoginReply> {
    const email = typeof request.email === 'string' ? request.email.trim().toLowerCase() : '';
    const subject: LoginSubject = { account: `email:${email}`, clientIp: request.clientIp };
    await this.limiter.assertAllowed(subject);
    const found = email ? await this.users.findByEmail(email) : null;
    const staff = found && found.role !== 'PASIEN' && found.passwordHash ? found : null;
    const current = typeof request.currentPassword === 'string' ? request.currentPassword : '';
    const matches = staff ? await this.passwords.verify(staff.passwordHash!, current) : await this.passwords.verifyWithoutAccount(current);
    if (!staff || !matches || (staff.totpEnabled && !(await this.totp.consume(staff, request.totpCode ?? '')))) {
      await this.limiter.recordFailure(subject);
      await this.audit.record({ kind: 'anonymous' }, 'auth.password.change-failed', staff?.id ?? null);
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'The e-mail, current password or authenticator code is incorrect', staff?.totpEnabled ? { totpRequired: true } : undefined);
    }
    assertStrongPassword(request.newPassword, { email: staff.email, name: staff.name });
    if (request.newPassword === current) throw new DomainError(ErrorCode.WEAK_PASSWORD, 'The new password must differ from the current one', { rule: 'reused' });
    const changed = await this.users.update(staff.id, { passwordHash: await this.passwords.hash(request.newPassword), mustChangePassword: false });
    await this.sessions.endAllOf(staff.id, 'PASSWORD_CHANGED');
    await this.audit.record({ kind: 'user', userId: staff.id, role: staff.role }, 'auth.password.changed', staff.id);
    await this.limiter.recordSuccess(subject);
    // Signed in here, not through loginAdmin: the TOTP code was just used, and a code is accepted once.
    return this.auth.startSession(changed, 'auth.login.admin');
  }
}

/** 4 groups of 4 from a 55-character alphabet: ~92 bits, e.g. `k7Pq-x2Mz-...`. */
function temporaryPasswordText(): string {
  const group = () => Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
