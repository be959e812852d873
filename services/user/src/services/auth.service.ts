import { Injectable } from '@nestjs/common';
import { DomainError, PiiCipher } from '@mediq/common';
import { Actor, ErrorCode, LoginAdminRequest, LoginReply, LoginUserRequest, nameMatchKey, TokenPair, validateNik } from '@mediq/contracts';
import { randomUUID } from 'node:crypto';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { TokenFamiliesRepository } from '../repositories/token-families.repository';
import { UsersRepository } from '../repositories/users.repository';
import { LoginLimiter, LoginSubject } from './login-limiter.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { TotpService } from './totp.service';
import { toUserView } from './user-fields';

const SESSION_ENDED = 'This session has ended; sign in again';

/**
 * Sign-in for staff (e-mail + password [+ TOTP]) and patients (NIK + name as printed), and the
 * session that follows: a family of rotating refresh tokens of which only the latest is valid.
 * Failure messages are the same whether or not the account exists.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly families: TokenFamiliesRepository,
    private readonly sessions: SessionsService,
    private readonly tokens: TokensService,
    private readonly limiter: LoginLimiter,
    private readonly passwords: PasswordHasher,
    private readonly totp: TotpService,
    private readonly audit: AuditRepository,
    private readonly pii: PiiCipher,
  ) {}

  async loginAdmin(request: LoginAdminRequest): Promise<LoginReply> {
    const email = typeof request.email === 'string' ? request.email.trim().toLowerCase() : '';
    const password = typeof request.password === 'string' ? request.password : '';
    const subject: LoginSubject = { account: `email:${email}`, clientIp: request.clientIp };
    await this.limiter.assertAllowed(subject);

    const found = email ? await this.users.findByEmail(email) : null;
    const staff = found && found.role !== 'PASIEN' && found.passwordHash ? found : null;
    const passwordMatches = staff ? await this.passwords.verify(staff.passwordHash!, password) : await this.passwords.verifyWithoutAccount(password);
    if (!staff || !passwordMatches) return this.fail(subject, 'auth.login.admin', staff?.id ?? null, 'The e-mail or password is incorrect');
    // Told only after the password matched, so the message reveals nothing to a guesser.
    if (staff.disabledAt) throw new DomainError(ErrorCode.ACCOUNT_DISABLED, 'This account has been disabled by the facility administrator');

    if (staff.totpEnabled) {
      if (!request.totpCode) {
        throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Enter the 6-digit code from your authenticator app', { totpRequired: true });
      }
      if (!(await this.totp.consume(staff, request.totpCode))) {
        return this.fail(subject, 'auth.login.admin', staff.id, 'The authenticator code is incorrect', { totpRequired: true });
      }
    }
    await this.limiter.recordSuccess(subject);
    if (staff.mustChangePassword) {
      throw new DomainError(ErrorCode.PASSWORD_CHANGE_REQUIRED, 'This is a one-time password: choose a new password to sign in', { changePasswordAt: '/api/auth/password' });
    }
    return this.startSession(staff, 'auth.login.admin');
  }

  async loginUser(request: LoginUserRequest): Promise<LoginReply> {
    const nik = typeof request.nik === 'string' ? request.nik.trim() : '';
    const name = typeof request.name === 'string' ? nameMatchKey(request.name) : '';
    const check = validateNik(nik);
    if (!check.valid) {
      throw new DomainError(ErrorCode.INVALID_NIK, `The NIK is invalid: ${check.errors.map((e) => `${e.message} (${e.rule})`).join(' ')}`, {
        rules: check.errors.map((e) => e.rule),
      });
    }
    const subject: LoginSubject = { account: `nik:${nik}`, clientIp: request.clientIp };
    await this.limiter.assertAllowed(subject);

    const found = await this.users.findByNikHash(this.pii.hash(nik));
    const patient = found && found.role === 'PASIEN' ? found : null;
    if (!patient || !name || patient.nameKey !== name) {
      return this.fail(subject, 'auth.login.user', patient?.id ?? null, 'The NIK and name do not match a registered patient');
    }
    await this.limiter.recordSuccess(subject);
    return this.startSession(patient, 'auth.login.user');
  }

  /** Rotates: the presented token stops working and a new pair is returned. A token used twice ends its session. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const identity = typeof refreshToken === 'string' ? this.tokens.readRefresh(refreshToken) : null;
    if (!identity) throw new DomainError(ErrorCode.TOKEN_INVALID, 'The refresh token is invalid or has expired; sign in again');
    const family = await this.families.findById(identity.familyId);
    if (!family || family.revokedAt || family.userId !== identity.userId) throw new DomainError(ErrorCode.SESSION_ENDED, SESSION_ENDED);

    const user = await this.users.findById(family.userId);
    const nextTokenId = randomUUID();
    const rotated = user && (await this.families.rotate(family.id, identity.tokenId, nextTokenId, this.tokens.refreshExpiry()));
    if (!rotated) {
      const reason = user ? 'REUSE_DETECTED' : 'USER_DELETED';
      await this.sessions.end(family.id, reason);
      await this.audit.record({ kind: 'user', userId: family.userId }, 'auth.refresh.revoked', family.userId, { reason, sessionId: family.id });
      throw new DomainError(
        user ? ErrorCode.TOKEN_INVALID : ErrorCode.SESSION_ENDED,
        user ? 'This refresh token was already used, so the session has been ended for safety; sign in again' : SESSION_ENDED,
      );
    }
    return this.tokenPair(user, family.id, nextTokenId);
  }

  /**
   * Ends the session that `token` (its access or refresh token) belongs to: its refresh token and
   * every access token issued from it stop working. Logging out again is answered the same.
   */
  async logout(token: string): Promise<{ loggedOut: true }> {
    const familyId = typeof token === 'string' ? (this.tokens.readRefresh(token)?.familyId ?? this.tokens.readAccessSession(token)) : null;
    const family = familyId ? await this.families.findById(familyId) : null;
    if (!family) throw new DomainError(ErrorCode.TOKEN_INVALID, 'The token is invalid or has expired');
    if (await this.sessions.end(family.id, 'LOGOUT')) {
      await this.audit.record({ kind: 'user', userId: family.userId }, 'auth.logout', family.userId, { sessionId: family.id });
    }
    return { loggedOut: true };
  }

  /** A new session for a user whose credentials were just proven (sign-in, or a password change that re-checked them). */
  async startSession(user: User, action: string): Promise<LoginReply> {
    const familyId = randomUUID();
    const tokenId = randomUUID();
    await this.families.create({ id: familyId, userId: user.id, currentTokenId: tokenId, expiresAt: this.tokens.refreshExpiry() });
    const actor: Actor = { kind: 'user', userId: user.id, role: user.role, ...(user.institutionId ? { institutionId: user.institutionId } : {}) };
    await this.audit.record(actor, action, user.id, { sessionId: familyId });
    return { ...this.tokenPair(user, familyId, tokenId), user: toUserView(user, this.pii) };
  }

  private tokenPair(user: User, familyId: string, tokenId: string): TokenPair {
    return {
      accessToken: this.tokens.signAccess(user, familyId),
      refreshToken: this.tokens.signRefresh({ userId: user.id, familyId, tokenId }),
      expiresIn: this.tokens.accessTtlSeconds,
    };
  }

  private async fail(subject: LoginSubject, route: string, userId: string | null, message: string, details?: Record<string, unknown>): Promise<never> {
    const backoff = await this.limiter.recordFailure(subject);
    await this.audit.record({ kind: 'anonymous' }, 'auth.login.failed', userId, { route });
    if (backoff) await this.audit.record({ kind: 'anonymous' }, 'auth.login.locked-out', userId, { route, ...backoff });
    throw new DomainError(ErrorCode.INVALID_CREDENTIALS, message, details);
  }
}
