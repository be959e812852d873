import { Actor, demoInstitutionSeed, ErrorCode, InstitutionContracts, InstitutionView } from '@mediq/contracts';
import { errorOf, InstitutionHarness, startInstitutionService } from './support/institution-harness';

const system: Actor = { kind: 'system' };
const platformAdmin: Actor = { kind: 'user', userId: 'platform-admin-1', role: 'ADMIN_FASKES' };
const operator = (institutionId: string): Actor => ({ kind: 'user', userId: 'operator-1', role: 'OPERATOR', institutionId });
const adminOf = (institutionId: string): Actor => ({ kind: 'user', userId: `admin-of-${institutionId}`, role: 'ADMIN_FASKES', institutionId });
const anonymous: Actor = { kind: 'anonymous' };

const TEBET = {
  code: 'pkm-tebet',
  name: 'Puskesmas Kecamatan Tebet',
  type: 'PUSKESMAS' as const,
  address: 'Jl. Prof. Dr. Soepomo No. 54',
  kecamatan: 'Tebet',
  city: 'Jakarta Selatan',
  province: 'DKI Jakarta',
  email: 'pkm.tebet@example.go.id',
};

describe('institution service: institutions over RabbitMQ', () => {
  let h: InstitutionHarness;
  let tebet: InstitutionView;

  beforeAll(async () => {
    h = await startInstitutionService('institution_crud');
  });
  afterAll(() => h?.close());

  describe('create', () => {
    it('refuses anonymous callers, facility admins and operators', async () => {
      expect((await errorOf(h.rpc.call(InstitutionContracts.create, TEBET, { actor: anonymous }))).code).toBe(ErrorCode.UNAUTHENTICATED);
      expect((await errorOf(h.rpc.call(InstitutionContracts.create, TEBET, { actor: adminOf('x') }))).code).toBe(ErrorCode.FORBIDDEN);
      expect((await errorOf(h.rpc.call(InstitutionContracts.create, TEBET, { actor: operator('x') }))).code).toBe(ErrorCode.FORBIDDEN);
    });

    it('lets a platform admin create one, with defaults, an upper-case code and an audit row', async () => {
      tebet = await h.rpc.call(InstitutionContracts.create, TEBET, { actor: platformAdmin });
      expect(tebet).toMatchObject({ code: 'PKM-TEBET', name: TEBET.name, timezone: 'Asia/Jakarta', active: true, phone: null, kelurahan: null });
      const audit = await h.prisma.auditLog.findMany({ where: { entityId: tebet.id } });
      expect(audit).toEqual([
        expect.objectContaining({ action: 'institution.create', actorKind: 'user', actorId: 'platform-admin-1', institutionId: tebet.id }),
      ]);
      expect(audit[0].changedFields).toEqual(expect.arrayContaining(['code', 'name', 'email']));
    });

    it('is idempotent for a repeated request and refuses a different institution under the same code', async () => {
      const again = await h.rpc.call(InstitutionContracts.create, TEBET, { actor: platformAdmin });
      expect(again.id).toBe(tebet.id);
      const conflict = await errorOf(h.rpc.call(InstitutionContracts.create, { ...TEBET, name: 'Puskesmas Lain' }, { actor: system }));
      expect(conflict.code).toBe(ErrorCode.CONFLICT);
      expect(conflict.details).toMatchObject({ fields: { code: 'is already taken' }, existingId: tebet.id });
      expect(await h.prisma.institution.count()).toBe(1);
    });

    it('gives concurrent identical creates (retries racing each other) one record', async () => {
      const request = { code: 'KLN-RACE', name: 'Klinik Balapan', type: 'KLINIK' as const };
      const replies = await Promise.all(Array.from({ length: 5 }, () => h.rpc.call(InstitutionContracts.create, request, { actor: system })));
      expect(new Set(replies.map((reply) => reply.id)).size).toBe(1);
      expect(await h.prisma.institution.count({ where: { code: 'KLN-RACE' } })).toBe(1);
      await h.prisma.auditLog.deleteMany({ where: { entityId: replies[0].id } });
      await h.prisma.institution.delete({ where: { id: replies[0].id } });
    });

    it('answers 400 naming every wrong field', async () => {
      const error = await errorOf(
        h.rpc.call(
          InstitutionContracts.create,
          { code: 'x', name: '', type: 'HOSPITAL', email: 'not-an-email', timezone: 'Mars/Olympus', colour: 'red' } as never,
          { actor: system },
        ),
      );
      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(Object.keys((error.details as { fields: object }).fields).sort()).toEqual(['code', 'colour', 'email', 'name', 'timezone', 'type']);
      expect(error.message).toMatch(/^Invalid institution: /);
      expect(error.message).toContain('email must be an email address');
    });
  });

  describe('read', () => {
    it('finds one by id and by code, and answers 404 for an unknown id', async () => {
      expect(await h.rpc.call(InstitutionContracts.findOne, { id: tebet.id })).toEqual(tebet);
      expect(await h.rpc.call(InstitutionContracts.findByCode, { code: 'pkm-tebet' })).toEqual(tebet);
      expect((await errorOf(h.rpc.call(InstitutionContracts.findOne, { id: '00000000-0000-0000-0000-000000000000' }))).code).toBe(ErrorCode.NOT_FOUND);
    });

    it('pages with defaults (page 1, 20 per page), filters, and refuses page sizes above 100', async () => {
      for (let i = 1; i <= 22; i++) {
        await h.rpc.call(
          InstitutionContracts.create,
          { code: `KLN-${i}`, name: `Klinik Pratama ${String(i).padStart(2, '0')}`, type: 'KLINIK', city: i % 2 ? 'Kota Depok' : 'Kota Bekasi' },
          { actor: system },
        );
      }
      const first = await h.rpc.call(InstitutionContracts.findAll, {});
      expect(first).toMatchObject({ page: 1, pageSize: 20, total: 23 });
      expect(first.items).toHaveLength(20);
      expect(first.items[0].name).toBe('Klinik Pratama 01');
      const last = await h.rpc.call(InstitutionContracts.findAll, { page: 2 });
      expect(last.items.map((i) => i.name)).toEqual(['Klinik Pratama 21', 'Klinik Pratama 22', 'Puskesmas Kecamatan Tebet']);
      const depok = await h.rpc.call(InstitutionContracts.findAll, { city: 'kota depok', type: 'KLINIK', pageSize: 100 });
      expect(depok.total).toBe(11);
      expect(depok.items.every((i) => i.city === 'Kota Depok')).toBe(true);
      const tooBig = await errorOf(h.rpc.call(InstitutionContracts.findAll, { pageSize: 101 }));
      expect(tooBig.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(tooBig.details).toEqual({ fields: { pageSize: 'must be at most 100' } });
    });
  });

  describe('update', () => {
    it('is allowed to the institution own admin only, and audited', async () => {
      const change = { id: tebet.id, phone: '021-8297000' };
      expect((await errorOf(h.rpc.call(InstitutionContracts.update, change, { actor: adminOf('another-institution') }))).code).toBe(ErrorCode.FORBIDDEN);
      expect((await errorOf(h.rpc.call(InstitutionContracts.update, change, { actor: operator(tebet.id) }))).code).toBe(ErrorCode.FORBIDDEN);
      expect((await errorOf(h.rpc.call(InstitutionContracts.update, change, { actor: anonymous }))).code).toBe(ErrorCode.UNAUTHENTICATED);

      const updated = await h.rpc.call(InstitutionContracts.update, { ...change, timezone: 'Asia/Makassar' }, { actor: adminOf(tebet.id) });
      expect(updated).toMatchObject({ phone: '021-8297000', timezone: 'Asia/Makassar', name: TEBET.name });
      const audit = await h.prisma.auditLog.findFirst({ where: { entityId: tebet.id, action: 'institution.update' } });
      expect(audit).toMatchObject({ actorId: `admin-of-${tebet.id}`, changedFields: ['phone', 'timezone'] });
    });

    it('refuses changing the code and invalid values, naming the fields', async () => {
      const error = await errorOf(h.rpc.call(InstitutionContracts.update, { id: tebet.id, code: 'NEW', active: 'yes' } as never, { actor: system }));
      expect(error.details).toEqual({ fields: { code: 'is not an accepted field', active: 'must be true or false' } });
    });

    it('answers 404 for an institution that does not exist', async () => {
      const error = await errorOf(h.rpc.call(InstitutionContracts.update, { id: '00000000-0000-0000-0000-000000000000', name: 'X Y Z' }, { actor: system }));
      expect(error.code).toBe(ErrorCode.NOT_FOUND);
    });
  });

  describe('soft delete', () => {
    it('hides the institution from every read, keeps the row, and is harmless to repeat', async () => {
      const doomed = await h.rpc.call(InstitutionContracts.create, { code: 'RS-TUTUP', name: 'RS Sudah Tutup', type: 'RUMAH_SAKIT' }, { actor: system });
      await h.rpc.call(InstitutionContracts.createService, { institutionId: doomed.id, code: 'A', name: 'Poli Umum' }, { actor: system });
      expect((await errorOf(h.rpc.call(InstitutionContracts.delete, { id: doomed.id }, { actor: adminOf(tebet.id) }))).code).toBe(ErrorCode.FORBIDDEN);

      expect(await h.rpc.call(InstitutionContracts.delete, { id: doomed.id }, { actor: adminOf(doomed.id) })).toEqual({ id: doomed.id, deleted: true });
      expect(await h.rpc.call(InstitutionContracts.delete, { id: doomed.id }, { actor: adminOf(doomed.id) })).toEqual({ id: doomed.id, deleted: true });

      expect((await errorOf(h.rpc.call(InstitutionContracts.findOne, { id: doomed.id }))).code).toBe(ErrorCode.NOT_FOUND);
      expect((await errorOf(h.rpc.call(InstitutionContracts.findByCode, { code: 'RS-TUTUP' }))).code).toBe(ErrorCode.NOT_FOUND);
      expect((await errorOf(h.rpc.call(InstitutionContracts.getServices, { institutionId: doomed.id }))).code).toBe(ErrorCode.NOT_FOUND);
      const all = await h.rpc.call(InstitutionContracts.findAll, { pageSize: 100 });
      expect(all.items.map((i) => i.id)).not.toContain(doomed.id);
      expect((await h.rpc.call(InstitutionContracts.search, { q: 'rs sudah tutup' })).items).toEqual([]);
      expect(await h.prisma.institution.findUnique({ where: { id: doomed.id } })).toMatchObject({ deletedAt: expect.any(Date) });

      const reuse = await errorOf(h.rpc.call(InstitutionContracts.create, { code: 'RS-TUTUP', name: 'RS Baru', type: 'RUMAH_SAKIT' }, { actor: system }));
      expect(reuse.code).toBe(ErrorCode.CONFLICT);
    });
  });

  describe('ensure (the seed)', () => {
    it('creates the demo institution and its three services once, then changes nothing', async () => {
      const seed = demoInstitutionSeed('PKM-DEMO-TEST');
      const first = await h.rpc.call(InstitutionContracts.ensure, seed, { actor: system });
      expect(first.created).toEqual({ institution: true, serviceCodes: ['A', 'B', 'C'] });
      expect(first.services.map((s) => [s.code, s.name])).toEqual([
        ['A', 'Poli Umum'],
        ['B', 'Poli Gigi'],
        ['C', 'KIA'],
      ]);

      await h.rpc.call(InstitutionContracts.update, { id: first.institution.id, phone: '021-555' }, { actor: system });
      const second = await h.rpc.call(InstitutionContracts.ensure, seed, { actor: system });
      expect(second.created).toEqual({ institution: false, serviceCodes: [] });
      expect(second.institution).toMatchObject({ id: first.institution.id, phone: '021-555' });
      expect(second.services.map((s) => s.id)).toEqual(first.services.map((s) => s.id));

      const open = await h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: first.institution.id, serviceId: first.services[1].id });
      expect(open.open).toBe(true);
    });

    it('is refused to a facility admin', async () => {
      const error = await errorOf(h.rpc.call(InstitutionContracts.ensure, demoInstitutionSeed('PKM-X'), { actor: adminOf('x') }));
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
    });
  });
});
