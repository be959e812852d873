import { DEVELOPMENT_SECRETS, DomainError, PiiCipher } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';
import { User } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { TokenFamiliesRepository } from '../repositories/token-families.repository';
import { UsersRepository } from '../repositories/users.repository';
import { PasswordHasher } from './password-hasher';
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
  const audit = { record: jest.fn() };
  const sessions = { revokeAllOfUser: jest.fn() };

  beforeEach(() => {
    users = new FakeUsers();
    const pii = new PiiCipher(DEVELOPMENT_SECRETS.PII_ENCRYPTION_KEY, DEVELOPMENT_SECRETS.PII_HASH_KEY);
    const passwords = { hash: async (p: string) => `hashed:${p}` } as unknown as PasswordHasher;
    service = new UsersService(users as unknown as UsersRepository, sessions as unknown as TokenFamiliesRepository, audit as unknown as AuditRepository, pii, passwords);
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  it('registers a patient at the kiosk’s institution with the NIK sealed and hashed', async () => {
    const { user } = await service.create(KIOSK, { role: 'PASIEN', nik: NIK, name: 'Siti  Aisyah', birthDate: '1990-08-05' });
    expect(user).toMatchObject({ nik: NIK, institutionId: 'inst-A', role: 'PASIEN' });
    expect(JSON.stringify(users.rows[0])).not.toContain(NIK);
    expect(users.rows[0].nameKey).toBe('SITI AISYAH');
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
    const error = await failure(service.update(self, { id: user.id, birthDate: '1990-02-30', rtRw: 'satu', name: ' ' }));
    expect(error?.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(Object.keys((error?.details as { fields: object }).fields).sort()).toEqual(['birthDate', 'name', 'rtRw']);
  });
});
