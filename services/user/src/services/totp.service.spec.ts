import { DEVELOPMENT_SECRETS, DomainError, PiiCipher } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';
import { authenticator } from 'otplib';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { UsersRepository } from '../repositories/users.repository';
import { TotpService } from './totp.service';

/** The authenticator app's code `seconds` from now. */
const codeAt = (secret: string, seconds: number) => authenticator.clone({ epoch: Date.now() + seconds * 1000 }).generate(secret);

describe('TotpService', () => {
  const pii = new PiiCipher(DEVELOPMENT_SECRETS.PII_ENCRYPTION_KEY, DEVELOPMENT_SECRETS.PII_HASH_KEY);
  const OPERATOR: Actor = { kind: 'user', userId: 'o1', role: 'OPERATOR', institutionId: 'inst-A' };
  let row: Pick<User, 'id' | 'email' | 'totpSecret' | 'totpEnabled' | 'totpLastStep'>;
  let totp: TotpService;

  beforeEach(() => {
    row = { id: 'o1', email: 'op@example.test', totpSecret: null, totpEnabled: false, totpLastStep: null };
    const users = {
      findById: async () => row,
      update: async (_: string, data: Partial<User>) => Object.assign(row, data),
      claimTotpStep: async (_: string, step: number) => {
        if (row.totpLastStep !== null && row.totpLastStep >= step) return false;
        row.totpLastStep = step;
        return true;
      },
    };
    totp = new TotpService(users as unknown as UsersRepository, { record: jest.fn() } as unknown as AuditRepository, pii);
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  it('stores the secret sealed and enables it only with a code from the app', async () => {
    const { secret } = await totp.enrol(OPERATOR);
    expect(row.totpSecret).not.toContain(secret);
    expect(row.totpEnabled).toBe(false);
    expect((await failure(totp.confirm(OPERATOR, '000000')))?.code).toBe(ErrorCode.VALIDATION_FAILED);
    const confirming = authenticator.generate(secret);
    await totp.confirm(OPERATOR, confirming);
    expect(row.totpEnabled).toBe(true);
    expect(await totp.consume(row, 'abcdef')).toBe(false);
    // The code that confirmed does not sign in again; the app's next code does, once.
    expect(await totp.consume(row, confirming)).toBe(false);
    expect(await totp.consume(row, codeAt(secret, +30))).toBe(true);
    expect(await totp.consume(row, codeAt(secret, +30))).toBe(false);
  });

  it("accepts the previous step's code (a slow hand, a drifting phone) but nothing older", async () => {
    const { secret } = await totp.enrol(OPERATOR);
    row.totpEnabled = true;
    expect(await totp.consume(row, codeAt(secret, -90))).toBe(false);
    expect(await totp.consume(row, codeAt(secret, -30))).toBe(true);
    // A later code still works after an earlier one; an earlier one after a later one does not.
    expect(await totp.consume(row, codeAt(secret, 0))).toBe(true);
    expect(await totp.consume(row, codeAt(secret, -30))).toBe(false);
  });

  it('is for staff only and cannot be re-enrolled once enabled', async () => {
    expect((await failure(totp.enrol({ kind: 'user', userId: 'p1', role: 'PASIEN' })))?.code).toBe(ErrorCode.FORBIDDEN);
    const { secret } = await totp.enrol(OPERATOR);
    await totp.confirm(OPERATOR, authenticator.generate(secret));
    expect((await failure(totp.enrol(OPERATOR)))?.code).toBe(ErrorCode.CONFLICT);
  });
});
