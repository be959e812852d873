import { Actor, ErrorCode, InstitutionContracts, InstitutionView, OpeningHours } from '@mediq/contracts';
import { errorOf, InstitutionHarness, startInstitutionService } from './support/institution-harness';

const system: Actor = { kind: 'system' };
const adminOf = (institutionId: string): Actor => ({ kind: 'user', userId: `admin-${institutionId}`, role: 'ADMIN_FASKES', institutionId });

// 2026-11-23 is a Monday. Jakarta is UTC+7, Jayapura UTC+9.
const MONDAY_09_JAKARTA = '2026-11-23T02:00:00.000Z';
const MONDAY_12_30_JAKARTA = '2026-11-23T05:30:00.000Z';
const SUNDAY_10_JAKARTA = '2026-11-29T03:00:00.000Z';

const HOURS: OpeningHours = {
  mon: [
    { open: '08:00', close: '12:00' },
    { open: '13:00', close: '15:00' },
  ],
  tue: [{ open: '08:00', close: '12:00' }],
};

describe('institution service: services (poli) and opening hours over RabbitMQ', () => {
  let h: InstitutionHarness;
  let puskesmas: InstitutionView;
  let admin: Actor;

  beforeAll(async () => {
    h = await startInstitutionService('institution_services');
    puskesmas = await h.rpc.call(InstitutionContracts.create, { code: 'PKM-CAKUNG', name: 'Puskesmas Kecamatan Cakung', type: 'PUSKESMAS' }, { actor: system });
    admin = adminOf(puskesmas.id);
  });
  afterAll(() => h?.close());

  it('lets the institution admin add services, refusing others, duplicates and bad hours', async () => {
    const request = { institutionId: puskesmas.id, code: 'a', name: 'Poli Umum', dailyQuota: 80, openingHours: HOURS };
    expect((await errorOf(h.rpc.call(InstitutionContracts.createService, request, { actor: adminOf('other') }))).code).toBe(ErrorCode.FORBIDDEN);
    expect((await errorOf(h.rpc.call(InstitutionContracts.createService, request))).code).toBe(ErrorCode.UNAUTHENTICATED);

    const umum = await h.rpc.call(InstitutionContracts.createService, request, { actor: admin });
    expect(umum).toMatchObject({ code: 'A', name: 'Poli Umum', dailyQuota: 80, averageServiceMinutes: 10, active: true, openingHours: HOURS });
    expect((await h.rpc.call(InstitutionContracts.createService, request, { actor: admin })).id).toBe(umum.id);

    const taken = await errorOf(h.rpc.call(InstitutionContracts.createService, { ...request, name: 'Poli Gigi' }, { actor: admin }));
    expect(taken.code).toBe(ErrorCode.CONFLICT);
    expect(taken.message).toBe('Service code A is already used by Poli Umum in this institution');

    const invalid = await errorOf(
      h.rpc.call(
        InstitutionContracts.createService,
        { institutionId: puskesmas.id, code: 'ABCD', name: 'X', dailyQuota: 0, openingHours: { mon: [{ open: '12:00', close: '08:00' }], funday: [] } as never },
        { actor: admin },
      ),
    );
    expect(invalid.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect((invalid.details as { fields: object }).fields).toEqual({
      code: 'must be 1-3 letters (the ticket prefix, e.g. A)',
      name: 'must be at least 2 characters',
      dailyQuota: 'must be at least 1',
      'openingHours.funday': 'is not an accepted field',
      'openingHours.mon[0]': 'close (08:00) must be after open (12:00) on the same day',
    });
  });

  it('lists active services by code, inactive ones on request', async () => {
    const gigi = await h.rpc.call(InstitutionContracts.createService, { institutionId: puskesmas.id, code: 'B', name: 'Poli Gigi', openingHours: HOURS }, { actor: admin });
    await h.rpc.call(InstitutionContracts.updateService, { institutionId: puskesmas.id, serviceId: gigi.id, active: false }, { actor: admin });
    expect((await h.rpc.call(InstitutionContracts.getServices, { institutionId: puskesmas.id })).map((s) => s.code)).toEqual(['A']);
    expect((await h.rpc.call(InstitutionContracts.getServices, { institutionId: puskesmas.id, includeInactive: true })).map((s) => s.code)).toEqual(['A', 'B']);
  });

  it('updates a service for its admin only, with an audit row naming the changed fields', async () => {
    const [umum] = await h.rpc.call(InstitutionContracts.getServices, { institutionId: puskesmas.id });
    const change = { institutionId: puskesmas.id, serviceId: umum.id, dailyQuota: 100, averageServiceMinutes: 12 };
    expect((await errorOf(h.rpc.call(InstitutionContracts.updateService, change, { actor: adminOf('other') }))).code).toBe(ErrorCode.FORBIDDEN);
    expect(await h.rpc.call(InstitutionContracts.updateService, change, { actor: admin })).toMatchObject({ dailyQuota: 100, averageServiceMinutes: 12 });
    const audit = await h.prisma.auditLog.findFirst({ where: { entityId: umum.id, action: 'service.update' } });
    expect(audit).toMatchObject({ entityType: 'service', institutionId: puskesmas.id, actorId: `admin-${puskesmas.id}`, changedFields: ['dailyQuota', 'averageServiceMinutes'] });
    const missing = await errorOf(h.rpc.call(InstitutionContracts.updateService, { ...change, serviceId: 'nope' }, { actor: admin }));
    expect(missing.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('soft-deletes a service (hidden, idempotent) and restores its ticket prefix when the code is reused', async () => {
    const kia = await h.rpc.call(InstitutionContracts.createService, { institutionId: puskesmas.id, code: 'C', name: 'KIA', openingHours: HOURS }, { actor: admin });
    expect(await h.rpc.call(InstitutionContracts.deleteService, { institutionId: puskesmas.id, serviceId: kia.id }, { actor: admin })).toEqual({ id: kia.id, deleted: true });
    expect(await h.rpc.call(InstitutionContracts.deleteService, { institutionId: puskesmas.id, serviceId: kia.id }, { actor: admin })).toEqual({ id: kia.id, deleted: true });
    const codes = (await h.rpc.call(InstitutionContracts.getServices, { institutionId: puskesmas.id, includeInactive: true })).map((s) => s.code);
    expect(codes).not.toContain('C');
    expect((await errorOf(h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: kia.id }))).code).toBe(ErrorCode.NOT_FOUND);

    const restored = await h.rpc.call(InstitutionContracts.createService, { institutionId: puskesmas.id, code: 'C', name: 'Kesehatan Ibu dan Anak' }, { actor: admin });
    expect(restored).toMatchObject({ id: kia.id, name: 'Kesehatan Ibu dan Anak', openingHours: {}, active: true });
  });

  describe('isServiceOpen (what the queue asks before issuing a ticket)', () => {
    let umumId: string;
    let gigiId: string;
    beforeAll(async () => {
      const all = await h.rpc.call(InstitutionContracts.getServices, { institutionId: puskesmas.id, includeInactive: true });
      umumId = all.find((s) => s.code === 'A')!.id;
      gigiId = all.find((s) => s.code === 'B')!.id;
    });

    it('is open inside a period, with the local date and the service and institution details', async () => {
      const availability = await h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: umumId, at: MONDAY_09_JAKARTA });
      expect(availability).toMatchObject({
        open: true,
        localDate: '2026-11-23',
        institution: { id: puskesmas.id, code: 'PKM-CAKUNG', timezone: 'Asia/Jakarta', active: true },
        service: { id: umumId, code: 'A', dailyQuota: 100 },
      });
      expect(availability.reason).toBeUndefined();
    });

    it('is closed over lunch and on Sunday, saying when it opens', async () => {
      const lunch = await h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: umumId, at: MONDAY_12_30_JAKARTA });
      expect(lunch).toMatchObject({ open: false, reason: 'Poli Umum is closed now; it opens today at 13:00', nextOpening: { localDate: '2026-11-23', time: '13:00' } });
      const sunday = await h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: umumId, at: SUNDAY_10_JAKARTA });
      expect(sunday).toMatchObject({ open: false, localDate: '2026-11-29', reason: 'Poli Umum is closed on Sunday; it opens Monday at 08:00' });
    });

    it('is closed when the service or the institution is inactive', async () => {
      const gigi = await h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: gigiId, at: MONDAY_09_JAKARTA });
      expect(gigi).toMatchObject({ open: false, reason: 'Poli Gigi is not accepting patients at the moment' });
      await h.rpc.call(InstitutionContracts.update, { id: puskesmas.id, active: false }, { actor: admin });
      const closed = await h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: umumId, at: MONDAY_09_JAKARTA });
      expect(closed).toMatchObject({ open: false, reason: 'Puskesmas Kecamatan Cakung is not accepting patients at the moment' });
      await h.rpc.call(InstitutionContracts.update, { id: puskesmas.id, active: true }, { actor: admin });
    });

    it('follows the institution timezone (the same instant is 08:30 in Jayapura, 06:30 in Jakarta)', async () => {
      await h.rpc.call(InstitutionContracts.update, { id: puskesmas.id, timezone: 'Asia/Jayapura' }, { actor: admin });
      // 2026-11-22T23:30Z is Monday 06:30 in Jakarta but Monday 08:30 in Jayapura.
      const jayapura = await h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: umumId, at: '2026-11-22T23:30:00Z' });
      expect(jayapura).toMatchObject({ open: true, localDate: '2026-11-23' });
      await h.rpc.call(InstitutionContracts.update, { id: puskesmas.id, timezone: 'Asia/Jakarta' }, { actor: admin });
      const jakarta = await h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: umumId, at: '2026-11-22T23:30:00Z' });
      expect(jakarta).toMatchObject({ open: false, localDate: '2026-11-23', reason: 'Poli Umum opens today at 08:00' });
    });

    it('refuses a malformed time and an unknown service', async () => {
      const bad = await errorOf(h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: umumId, at: 'monday' }));
      expect(bad.details).toEqual({ fields: { at: 'must be an ISO timestamp' } });
      const unknown = await errorOf(h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: puskesmas.id, serviceId: 'missing' }));
      expect(unknown.code).toBe(ErrorCode.NOT_FOUND);
    });
  });
});
