import { DomainError } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { UsersRepository } from '../repositories/users.repository';
import { AuthService } from './auth.service';
import { LoginLimiter } from './login-limiter.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { StaffPasswordsService } from './staff-passwords.service';
import { TotpService } from './totp.service';

/** Passwords "hashed" as `hash:<password>`: the rules, not argon2, are under test here. */
const hasher = {
  hash: async (password: string) => `hash:${password}`,
  verify: async (hash: string, password: string) => hash === `hash:${password}`,
  verifyWithoutAccount: async () => false,
} as unknown as PasswordHasher;

describe('StaffPasswordsService', () => {
  const institutionId = 'inst-1';
  const admin: Actor = { kind: 'user', userId: 'admin-1', role: 'ADMIN_FASKES', institutionId };
  let operator: User;
  let users: { findById: jest.Mock; findByEmail: jest.Mock; update: jest.Mock };
  let sessions: { endAllOf: jest.Mock };
  let auth: { startSession: jest.Mock };
  let limiter: { assertAllowed: jest.Mock; recordFailure: jest.Mock; recordSuccess: jest.Mock };
  let service: StaffPasswordsService;

  beforeEach(() => {
    operator = { id: 'op-1', role: 'OPERATOR', name: 'Budi Santoso', email: 'budi@pkm.test', passwordHash: 'hash:Lama-Sandi-Saya-2026', institutionId, totpEnabled: false, mustChangePassword: false } as unknown as User;
    users = {
      findById: jest.fn(async (id: string) => (id === operator.id ? operator : null)),
      findByEmail: jest.fn(async (email: string) => (email === operator.email ? operator : null)),
      update: jest.fn(async (_id: string, data: Partial<User>) => Object.assign(operator, data)),
    };
    sessions = { endAllOf: jest.fn() };
    auth = { startSession: jest.fn(async () => ({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 })) };
    limiter = { assertAllowed: jest.fn(), recordFailure: jest.fn(), recordSuccess: jest.fn() };
    service = new StaffPasswordsService(
      users as unknown as UsersRepository,
      hasher,
      limiter as unknown as LoginLimiter,
      { consume: async () => false } as unknown as TotpService,
      sessions as unknown as SessionsService,
      auth as unknown as AuthService,
      { record: jest.fn() } as unknown as AuditRepository,
    );
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  it('resets a staff password to a one-time password, marks it for change and ends the sessions', async () => {
    const { temporaryPassword } = await service.reset(admin, operator.id);
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    expect(operator).toMatchObject({ passwordHash: `hash:${temporaryPassword}`, mustChangePassword: true });
    expect(sessions.endAllOf).toHaveBeenCalledWith(operator.id, 'PASSWORD_CHANGED');
    expect((await service.reset(admin, operator.id)).temporaryPassword).not.toBe(temporaryPassword);
  });

  it('lets only an administrator of the same institution reset, never their own', async () => {
    expect((await failure(service.reset({ ...admin, institutionId: 'other' }, operator.id)))?.code).toBe(ErrorCode.FORBIDDEN);
    expect((await failure(service.reset({ kind: 'user', userId: 'op-2', role: 'OPERATOR', institutionId }, operator.id)))?.code).toBe(ErrorCode.FORBIDDEN);
    expect((await failure(service.reset({ ...admin, userId: operator.id }, operator.id)))?.code).toBe(ErrorCode.FORBIDDEN);
    expect((await failure(service.reset(admin, 'nobody')))?.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('changes the password for the right current one, clears the mark and signs in with the new one', async () => {
    operator.mustChangePassword = true;
    await service.change({ email: 'budi@pkm.test', currentPassword: 'Lama-Sandi-Saya-2026', newPassword: 'Kopi tubruk pagi hari 7', clientIp: '10.0.0.1' });
    expect(operator).toMatchObject({ passwordHash: 'hash:Kopi tubruk pagi hari 7', mustChangePassword: false });
    expect(sessions.endAllOf).toHaveBeenCalledWith(operator.id, 'PASSWORD_CHANGED');
    expect(auth.startSession).toHaveBeenCalledWith(expect.objectContaining({ id: operator.id, passwordHash: 'hash:Kopi tubruk pagi hari 7' }), 'auth.login.admin');
    expect(limiter.recordSuccess).toHaveBeenCalledTimes(1);
  });

  it('counts a wrong current password like a failed sign-in, and refuses weak or unchanged new ones', async () => {
    expect((await failure(service.change({ email: 'budi@pkm.test', currentPassword: 'salah', newPassword: 'Kopi tubruk pagi hari 7' })))?.code).toBe(ErrorCode.INVALID_CREDENTIALS);
    expect(limiter.recordFailure).toHaveBeenCalledTimes(1);
    const weak = await failure(service.change({ email: 'budi@pkm.test', currentPassword: 'Lama-Sandi-Saya-2026', newPassword: 'budisantoso1990' }));
    expect(weak).toMatchObject({ code: ErrorCode.WEAK_PASSWORD, details: { rule: 'guessable' } });
    const same = await failure(service.change({ email: 'budi@pkm.test', currentPassword: 'Lama-Sandi-Saya-2026', newPassword: 'Lama-Sandi-Saya-2026' }));
    expect(same).toMatchObject({ code: ErrorCode.WEAK_PASSWORD, details: { rule: 'reused' } });
    expect(users.update).not.toHaveBeenCalled();
  });
});
