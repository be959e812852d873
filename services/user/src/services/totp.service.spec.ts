import { DEVELOPMENT_SECRETS, DomainError, PiiCipher } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';
import { authenticator } from 'otplib';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { UsersRepository } from '../repositories/users.repository';
import { TotpService } from './totp.service';

describe('TotpService', () => {
  const pii = new PiiCipher(DEVELOPMENT_SECRETS.PII_ENCRYPTION_KEY, DEVELOPMENT_SECRETS.PII_HASH_KEY);
  const OPERATOR: Actor = { kind: 'user', userId: 'o1', role: 'OPERATOR', institutionId: 'inst-A' };
  let row: Pick<User, 'id' | 'email' | 'totpSecret' | 'totpEnabled'>;
  let totp: TotpService;

  beforeEach(() => {
    row = { id: 'o1', email: 'op@example.test', totpSecret: null, totpEnabled: false };
    const users = { findById: async () => row, update: async (_: string, data: Partial<User>) => Object.assign(row, data) };
    totp = new TotpService(users as unknown as UsersRepository, { record: jest.fn() } as unknown as AuditRepository, pii);
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  it('stores the secret sealed and enables it only with a code from the app', async () => {
    const { secret } = await totp.enrol(OPERATOR);
    expect(row.totpSecret).not.toContain(secret);
    expect(row.totpEnabled).toBe(false);
    expect((await failure(totp.confirm(OPERATOR, '000000')))?.code).toBe(ErrorCode.VALIDATION_FAILED);
    await totp.confirm(OPERATOR, authenticator.generate(secret));
    expect(row.totpEnabled).toBe(true);
    expect(totp.matches(row, authenticator.generate(secret))).toBe(true);
    expect(totp.matches(row, 'abcdef')).toBe(false);
  });

  it('is for staff only and cannot be re-enrolled once enabled', async () => {
    expect((await failure(totp.enrol({ kind: 'user', userId: 'p1', role: 'PASIEN' })))?.code).toBe(ErrorCode.FORBIDDEN);
    const { secret } = await totp.enrol(OPERATOR);
    await totp.confirm(OPERATOR, authenticator.generate(secret));
    expect((await failure(totp.enrol(OPERATOR)))?.code).toBe(ErrorCode.CONFLICT);
  });
});
