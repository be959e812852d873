import { DEVELOPMENT_SECRETS, DomainError, PiiCipher } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { FakeRevokedSessions, FakeTokenFamilies } from '../../test/support/fake-sessions';
import { userConfigSchema } from '../config';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { RevokedSessionsRepository } from '../repositories/revoked-sessions.repository';
import { TokenFamiliesRepository } from '../repositories/token-families.repository';
import { UsersRepository } from '../repositories/users.repository';
import { AuthService } from './auth.service';
import { LoginLimiter } from './login-limiter.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { TotpService } from './totp.service';

describe('AuthService', () => {
  const pii = new PiiCipher(DEVELOPMENT_SECRETS.PII_ENCRYPTION_KEY, DEVELOPMENT_SECRETS.PII_HASH_KEY);
  const nik = '3201014508900001';
  const patient = { id: 'p1', role: 'PASIEN', nameKey: 'SITIAISYAH', name: 'SITI AISYAH', nikHash: pii.hash(nik), nikCiphertext: pii.encrypt(nik),
    institutionId: null, totpEnabled: false, createdAt: new Date(), updatedAt: new Date() } as unknown as User;
  const tokens = new TokensService(userConfigSchema.parse({ NODE_ENV: 'test' }));
  let families: FakeTokenFamilies;
  let revoked: FakeRevokedSessions;
  let limiter: { assertAllowed: jest.Mock; recordFailure: jest.Mock; recordSuccess: jest.Mock };
  let auth: AuthService;

  beforeEach(() => {
    families = new FakeTokenFamilies();
    revoked = new FakeRevokedSessions();
    limiter = { assertAllowed: jest.fn(), recordFailure: jest.fn(), recordSuccess: jest.fn() };
    const users = { findByNikHash: async (h: string) => (h === patient.nikHash ? patient : null), findById: async (id: string) => (id === patient.id ? patient : null) };
    auth = new AuthService(
      users as unknown as UsersRepository,
      families as unknown as TokenFamiliesRepository,
      new SessionsService(families as unknown as TokenFamiliesRepository, revoked as unknown as RevokedSessionsRepository, tokens),
      tokens,
      limiter as unknown as LoginLimiter,
      {} as PasswordHasher,
      {} as TotpService,
      { record: jest.fn() } as unknown as AuditRepository,
      pii,
    );
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  it('signs a patient in when the name matches as printed, ignoring case and punctuation', async () => {
    const reply = await auth.loginUser({ nik, name: 'siti. aisyah' });
    expect(reply.user).toMatchObject({ id: 'p1', nik });
    expect(limiter.recordSuccess).toHaveBeenCalled();
  });

  it('counts a wrong name and an unknown NIK as the same failure', async () => {
    const wrong = await failure(auth.loginUser({ nik, name: 'SITI' }));
    const unknown = await failure(auth.loginUser({ nik: '3201011708900002', name: 'SITI AISYAH' }));
    expect(wrong?.code).toBe(ErrorCode.INVALID_CREDENTIALS);
    expect(unknown?.message).toBe(wrong?.message);
    expect(limiter.recordFailure).toHaveBeenCalledTimes(2);
  });

  it('rotates, and revokes the whole family when a used refresh token comes back', async () => {
    const first = await auth.loginUser({ nik, name: 'SITI AISYAH' });
    const second = await auth.refresh(first.refreshToken);
    expect((await failure(auth.refresh(first.refreshToken)))?.code).toBe(ErrorCode.TOKEN_INVALID);
    expect([...families.rows.values()][0].revokedReason).toBe('REUSE_DETECTED');
    expect((await failure(auth.refresh(second.refreshToken)))?.code).toBe(ErrorCode.SESSION_ENDED);
    // The stolen session's access tokens are refused at the gateway too.
    expect([...revoked.listed.keys()]).toEqual([...families.rows.keys()]);
  });

  it('logs out with either token of the session, listing the session so its access tokens stop working', async () => {
    const session = await auth.loginUser({ nik, name: 'SITI AISYAH' });
    const other = await auth.loginUser({ nik, name: 'SITI AISYAH' });
    await auth.logout(session.accessToken);
    const [ended, kept] = [...families.rows.values()];
    expect(ended.revokedReason).toBe('LOGOUT');
    expect([...revoked.listed.keys()]).toEqual([ended.id]);
    expect(kept.revokedAt).toBeNull();
    expect((await failure(auth.refresh(session.refreshToken)))?.code).toBe(ErrorCode.SESSION_ENDED);
    expect((await auth.refresh(other.refreshToken)).accessToken).toEqual(expect.any(String));
    expect((await failure(auth.logout('not-a-token')))?.code).toBe(ErrorCode.TOKEN_INVALID);
  });

  it('answers 503 when the session cannot be listed, and logging out again completes it', async () => {
    const session = await auth.loginUser({ nik, name: 'SITI AISYAH' });
    revoked.unavailable = true;
    expect((await failure(auth.logout(session.refreshToken)))?.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    revoked.unavailable = false;
    expect(await auth.logout(session.refreshToken)).toEqual({ loggedOut: true });
    expect(revoked.listed.size).toBe(1);
  });
});
