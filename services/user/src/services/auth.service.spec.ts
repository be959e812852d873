import { DEVELOPMENT_SECRETS, DomainError, PiiCipher } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { userConfigSchema } from '../config';
import { TokenFamily, User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { TokenFamiliesRepository } from '../repositories/token-families.repository';
import { UsersRepository } from '../repositories/users.repository';
import { AuthService } from './auth.service';
import { LoginLimiter } from './login-limiter.service';
import { PasswordHasher } from './password-hasher';
import { TokensService } from './tokens.service';
import { TotpService } from './totp.service';

/** Token families in memory, with the repository's conditional rotation. */
class FakeFamilies {
  readonly rows = new Map<string, TokenFamily>();
  async create(data: { id: string; userId: string; currentTokenId: string; expiresAt: Date }) {
    const row = { ...data, createdAt: new Date(), rotatedAt: null, revokedAt: null, revokedReason: null };
    this.rows.set(data.id, row);
    return row;
  }
  async findById(id: string) { return this.rows.get(id) ?? null; }
  async rotate(id: string, from: string, to: string, expiresAt: Date) {
    const row = this.rows.get(id);
    if (!row || row.revokedAt || row.currentTokenId !== from) return false;
    Object.assign(row, { currentTokenId: to, expiresAt, rotatedAt: new Date() });
    return true;
  }
  async revoke(id: string, reason: string) {
    const row = this.rows.get(id);
    if (row && !row.revokedAt) Object.assign(row, { revokedAt: new Date(), revokedReason: reason });
  }
}

describe('AuthService', () => {
  const pii = new PiiCipher(DEVELOPMENT_SECRETS.PII_ENCRYPTION_KEY, DEVELOPMENT_SECRETS.PII_HASH_KEY);
  const nik = '3201014508900001';
  const patient = { id: 'p1', role: 'PASIEN', nameKey: 'SITI AISYAH', name: 'SITI AISYAH', nikHash: pii.hash(nik), nikCiphertext: pii.encrypt(nik),
    institutionId: null, totpEnabled: false, createdAt: new Date(), updatedAt: new Date() } as unknown as User;
  let families: FakeFamilies;
  let limiter: { assertAllowed: jest.Mock; recordFailure: jest.Mock; recordSuccess: jest.Mock };
  let auth: AuthService;

  beforeEach(() => {
    families = new FakeFamilies();
    limiter = { assertAllowed: jest.fn(), recordFailure: jest.fn(), recordSuccess: jest.fn() };
    const users = { findByNikHash: async (h: string) => (h === patient.nikHash ? patient : null), findById: async (id: string) => (id === patient.id ? patient : null) };
    auth = new AuthService(
      users as unknown as UsersRepository,
      families as unknown as TokenFamiliesRepository,
      new TokensService(userConfigSchema.parse({ NODE_ENV: 'test' })),
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
    expect((await failure(auth.refresh(second.refreshToken)))?.code).toBe(ErrorCode.TOKEN_INVALID);
  });

  it('logs out with either token of the session', async () => {
    const session = await auth.loginUser({ nik, name: 'SITI AISYAH' });
    await auth.logout(session.accessToken);
    expect([...families.rows.values()][0].revokedReason).toBe('LOGOUT');
    expect((await failure(auth.refresh(session.refreshToken)))?.code).toBe(ErrorCode.TOKEN_INVALID);
    expect((await failure(auth.logout('not-a-token')))?.code).toBe(ErrorCode.TOKEN_INVALID);
  });
});
