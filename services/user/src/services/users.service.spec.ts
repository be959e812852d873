import { DEVELOPMENT_SECRETS, DomainError, PiiCipher } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';
import { FakeRevokedSessions, FakeTokenFamilies } from '../../test/support/fake-sessions';
import { userConfigSchema } from '../config';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { PatientHistoryRepository } from '../repositories/patient-history.repository';
import { RevokedSessionsRepository } from '../repositories/revoked-sessions.repository';
import { TokenFamiliesRepository } from '../repositories/token-families.repository';
import { UsersRepository } from '../repositories/users.repository';
import { PasswordHasher } from './password-hasher';
import { PatientAccess } from './patient-access';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { UsersService } from './users.service';

/** Users kept in memory, with the repository's lookups. */
class FakeUsers {
  readonly rows: User[] = [];
  async findById(id: string) { return this.rows.find((u) => u.id === id && !u.deletedAt) ?? null; }
  async findByIdIncludingDeleted(id: string) { return this.rows.find((u) => u.id === id) ?? null; }
  async findByNikHash(hash: string) { return this.rows.find((u) => u.nikHash === hash && !u.deletedAt) ?? null; }
  async findByEmail(email: string) { return this.rows.find((u) => u.email === email && !u.deletedAt) ?? null; }
  async findByIdempotencyKey(key: string) { return this.rows.find((u) => u.idempotencyKey === key) ?? null; }
  async create(data: Partial<User>) {
    const now = new Date();
    const row = { id: `u${this.rows.length + 1}`, createdAt: now, updatedAt: now, deletedAt: null, totpEnabled: false, ...nulls, ...data } as User;
    this.rows.push(row);
    return row;
  }
  async update(id: string, data: Partial<User>) { const row = (await this.findById(id))!; Object.assign(row, data); return row; }
  async softDelete(id: string) { Object.assign((await this.findById(id))!, { deletedAt: new Date() }); }
}
const nulls = Object.fromEntries(
  ['nikCiphertext', 'nikHash', 'email', 'passwordHash', 'totpSecret', 'institutionId', 'phone', 'birthPlace', 'birthDate', 'gender', 'bloodType', 'address', 'rtRw',
    'kelurahan', 'kecamatan', 'kabupatenKota', 'provinsi', 'religion', 'maritalStatus', 'occupation', 'nationality', 'validUntil', 'idempotencyKey'].map((k) => [k, null]),
);

const KIOSK: Actor = { kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'inst-A' };
const NIK = '3201014508900001';

describe('UsersService', () => {
  let users: FakeUsers;
  let service: UsersService;
  let families: FakeTokenFamilies;
  let revoked: FakeRevokedSessions;
  const audit = { record: jest.fn() };

  beforeEach(() => {
    users = new FakeUsers();
    families = new FakeTokenFamilies();
    revoked = new FakeRevokedSessions();
    const tokens = new TokensService(userConfigSchema.parse({ NODE_ENV: 'test' }));
    const sessions = new SessionsService(families as unknown as TokenFamiliesRepository, revoked as unknown as RevokedSessionsRepository, tokens);
    const pii = new PiiCipher(DEVELOPMENT_SECRETS.PII_ENCRYPTION_KEY, DEVELOPMENT_SECRETS.PII_HASH_KEY);
    const passwords = { hash: async (p: string) => `hashed:${p}` } as unknown as PasswordHasher;
    const patientAccess = { assertStaffMaySee: jest.fn() } as unknown as PatientAccess;
    const patientHistory = { append: jest.fn() } as unknown as PatientHistoryRepository;
    service = new UsersService(users as unknown as UsersRepository, sessions, audit as unknown as AuditRepository, pii, passwords, patientAccess, patientHistory);
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  it('registers a patient at the kiosk’s institution with the NIK sealed and hashed', async () => {
    const { user } = await service.create(KIOSK, { role: 'PASIEN', nik: NIK, name: 'Siti  Aisyah', birthDate: '1990-08-05' });
    expect(user).toMatchObject({ nik: NIK, institutionId: 'inst-A', role: 'PASIEN' });
    expect(JSON.stringify(users.rows[0])).not.toContain(NIK);
    expect(users.rows[0].nameKey).toBe('SITIAISYAH');
  });

  it('refuses an invalid NIK with 400 INVALID_NIK naming every failing rule', async () => {
    const error = await failure(service.create(KIOSK, { role: 'PASIEN', nik: '9901019913900001', name: 'X' }));
    expect(error?.code).toBe(ErrorCode.INVALID_NIK);
    expect(error?.details).toEqual({ rules: ['NIK_PROVINCE_UNKNOWN', 'NIK_DATE_INVALID'] });
    expect(error?.message).toContain('NIK_PROVINCE_UNKNOWN');
  });

  it('only warns when the NIK disagrees with the printed birth date or gender', async () => {
    const result = await service.create(KIOSK, { role: 'PASIEN', nik: NIK, name: 'X', birthDate: '1990-08-17', gender: 'MALE' });
    expect(result.warnings.map((w) => w.rule)).toEqual(['NIK_BIRTH_DATE_MISMATCH', 'NIK_GENDER_MISMATCH']);
    expect(result.user.birthDate).toBe('1990-08-17');
  });

  it('answers a retried registration with the first result and refuses a duplicate NIK', async () => {
    const first = await service.create(KIOSK, { role: 'PASIEN', nik: NIK, name: 'X', idempotencyKey: 'retry-key-1' });
    const again = await service.create(KIOSK, { role: 'PASIEN', nik: NIK, name: 'X', idempotencyKey: 'retry-key-1' });
    expect(again.user.id).toBe(first.user.id);
    expect((await failure(service.create(KIOSK, { role: 'PASIEN', nik: NIK, name: 'X', idempotencyKey: 'retry-key-2' })))?.code).toBe(ErrorCode.CONFLICT);
    // Another caller's identical key is a different request.
    const otherKiosk: Actor = { ...KIOSK, kioskKeyId: 'k2' };
    expect((await failure(service.create(otherKiosk, { role: 'PASIEN', nik: NIK, name: 'X', idempotencyKey: 'retry-key-1' })))?.code).toBe(ErrorCode.CONFLICT);
  });

  it('lets no patient or stranger register patients, and staff only for their own institution', async () => {
    expect((await failure(service.create({ kind: 'anonymous' }, { role: 'PASIEN', nik: NIK, name: 'X' })))?.code).toBe(ErrorCode.FORBIDDEN);
    expect((await failure(service.create({ kind: 'user', userId: 'p', role: 'PASIEN' }, { role: 'PASIEN', nik: NIK, name: 'X' })))?.code).toBe(ErrorCode.FORBIDDEN);
    const adminA: Actor = { kind: 'user', userId: 'a', role: 'ADMIN_FASKES', institutionId: 'inst-A' };
    const staff = { role: 'OPERATOR' as const, name: 'Op', email: 'Op@Example.test', password: 'long-enough-pw', institutionId: 'inst-B' };
    expect((await failure(service.create(adminA, staff)))?.code).toBe(ErrorCode.FORBIDDEN);
    const created = await service.create(adminA, { ...staff, institutionId: 'inst-A' });
    expect(created.user).toMatchObject({ email: 'op@example.test', role: 'OPERATOR' });
    expect(users.rows[0].passwordHash).toBe('hashed:long-enough-pw');
  });

  it('names the invalid fields of a profile change', async () => {
    const { user } = await service.create(KIOSK, { role: 'PASIEN', nik: NIK, name: 'X' });
    const self: Actor = { kind: 'user', userId: user.id, role: 'PASIEN' };
    const error = await failure(service.update(self, { id: user.id, rtRw: 'satu', address: 'x'.repeat(501) }));
    expect(error?.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(Object.keys((error?.details as { fields: object }).fields).sort()).toEqual(['address', 'rtRw']);
  });

  it("never changes a patient's identity fields through a profile change, not even the patient's own", async () => {
    const { user } = await service.create(KIOSK, { role: 'PASIEN', nik: NIK, name: 'SITI AISYAH', birthDate: '1990-08-05' });
    const self: Actor = { kind: 'user', userId: user.id, role: 'PASIEN' };
    const error = await failure(service.update(self, { id: user.id, name: 'SOMEONE ELSE', birthDate: '1991-01-01', address: 'JL. BARU' }));
    expect(error?.code).toBe(ErrorCode.UNPROCESSABLE);
    expect(Object.keys((error?.details as { fields: object }).fields).sort()).toEqual(['birthDate', 'name']);
    expect(users.rows[0]).toMatchObject({ name: 'SITI AISYAH', address: null });
  });

  describe('ending sessions', () => {
    const adminA: Actor = { kind: 'user', userId: 'a', role: 'ADMIN_FASKES', institutionId: 'inst-A' };
    let operatorId: string;
    const openSession = (id: string, userId: string) => families.create({ id, userId, currentTokenId: `t-${id}`, expiresAt: new Date(Date.now() + 86_400_000) });

    beforeEach(async () => {
      operatorId = (await service.create(adminA, { role: 'OPERATOR', name: 'Op', email: 'op@a.test', password: 'long-enough-pw', institutionId: 'inst-A' })).user.id;
      await openSession('op-phone', operatorId);
      await openSession('op-desk', operatorId);
      await openSession('someone-else', 'other-user');
    });

    it('ends and lists every session of a user whose role changes, and only theirs', async () => {
      await service.updateRole(adminA, operatorId, 'ADMIN_FASKES');
      expect([...revoked.listed.keys()].sort()).toEqual(['op-desk', 'op-phone']);
      expect(families.rows.get('op-phone')!.revokedReason).toBe('ROLE_CHANGED');
      expect(families.rows.get('someone-else')!.revokedAt).toBeNull();
    });

    it('ends and lists every session of a deleted user', async () => {
      await service.delete(adminA, operatorId);
      expect([...revoked.listed.keys()].sort()).toEqual(['op-desk', 'op-phone']);
      expect(families.rows.get('op-desk')!.revokedReason).toBe('USER_DELETED');
    });

    it('answers 503 when the list is unreachable; the same request again completes the sign-out', async () => {
      revoked.unavailable = true;
      expect((await failure(service.updateRole(adminA, operatorId, 'ADMIN_FASKES')))?.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
      expect(users.rows[0].role).toBe('ADMIN_FASKES');
      revoked.unavailable = false;
      expect((await service.updateRole(adminA, operatorId, 'ADMIN_FASKES')).role).toBe('ADMIN_FASKES');
      expect([...revoked.listed.keys()].sort()).toEqual(['op-desk', 'op-phone']);

      revoked.listed.clear();
      revoked.unavailable = true;
      expect((await failure(service.delete(adminA, operatorId)))?.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
      revoked.unavailable = false;
      expect(await service.delete(adminA, operatorId)).toEqual({ id: operatorId, deleted: true });
      expect([...revoked.listed.keys()].sort()).toEqual(['op-desk', 'op-phone']);
    });

    it('saving an unchanged role ends no session that is still open', async () => {
      await service.updateRole(adminA, operatorId, 'OPERATOR');
      expect(revoked.listed.size).toBe(0);
      expect(families.rows.get('op-phone')!.revokedAt).toBeNull();
    });
  });
});
