import { Actor, InstitutionContracts } from '@mediq/contracts';
import { InstitutionHarness, startInstitutionService } from './support/institution-harness';

const system: Actor = { kind: 'system' };

describe('institution cache (Redis)', () => {
  describe('with Redis up', () => {
    let h: InstitutionHarness;
    beforeAll(async () => {
      h = await startInstitutionService('institution_cache');
    });
    afterAll(() => h?.close());

    it('serves reads from the cache and shows a write on the very next read', async () => {
      const created = await h.rpc.call(InstitutionContracts.create, { code: 'KLN-CACHE', name: 'Klinik Cache', type: 'KLINIK', city: 'Kota Bogor' }, { actor: system });
      const service = await h.rpc.call(InstitutionContracts.createService, { institutionId: created.id, code: 'A', name: 'Poli Umum' }, { actor: system });
      // Warm the detail, list and service-list entries.
      await h.rpc.call(InstitutionContracts.findOne, { id: created.id });
      await h.rpc.call(InstitutionContracts.findAll, { city: 'Kota Bogor' });
      await h.rpc.call(InstitutionContracts.getServices, { institutionId: created.id });

      // A change behind the service's back (no invalidation) is not seen: the reads come from Redis.
      await h.prisma.institution.update({ where: { id: created.id }, data: { name: 'Changed Behind The Back' } });
      await h.prisma.service.update({ where: { id: service.id }, data: { name: 'Changed Behind The Back' } });
      expect((await h.rpc.call(InstitutionContracts.findOne, { id: created.id })).name).toBe('Klinik Cache');
      expect((await h.rpc.call(InstitutionContracts.findAll, { city: 'Kota Bogor' })).items[0].name).toBe('Klinik Cache');
      expect((await h.rpc.call(InstitutionContracts.getServices, { institutionId: created.id }))[0].name).toBe('Poli Umum');

      // A write through the service invalidates everything: the very next reads are fresh.
      await h.rpc.call(InstitutionContracts.update, { id: created.id, phone: '0251-123456' }, { actor: system });
      expect(await h.rpc.call(InstitutionContracts.findOne, { id: created.id })).toMatchObject({ name: 'Changed Behind The Back', phone: '0251-123456' });
      expect((await h.rpc.call(InstitutionContracts.findAll, { city: 'Kota Bogor' })).items[0].name).toBe('Changed Behind The Back');
      expect((await h.rpc.call(InstitutionContracts.getServices, { institutionId: created.id }))[0].name).toBe('Changed Behind The Back');

      // Service writes invalidate too.
      await h.rpc.call(InstitutionContracts.updateService, { institutionId: created.id, serviceId: service.id, name: 'Poli Umum Baru' }, { actor: system });
      expect((await h.rpc.call(InstitutionContracts.getServices, { institutionId: created.id }))[0].name).toBe('Poli Umum Baru');
      await h.rpc.call(InstitutionContracts.deleteService, { institutionId: created.id, serviceId: service.id }, { actor: system });
      expect(await h.rpc.call(InstitutionContracts.getServices, { institutionId: created.id })).toEqual([]);
      await h.rpc.call(InstitutionContracts.delete, { id: created.id }, { actor: system });
      expect((await h.rpc.call(InstitutionContracts.findAll, { city: 'Kota Bogor' })).total).toBe(0);
    });
  });

  describe('with Redis up, the copy each process keeps', () => {
    let h: InstitutionHarness;
    beforeAll(async () => {
      h = await startInstitutionService('institution_cache_local');
    });
    afterAll(() => h?.close());

    const redisOf = (harness: InstitutionHarness) => (harness.cache as unknown as { redis: import('ioredis').default; prefix: string });

    it('serves a value it read under the current generation without reading it again, and follows a generation bumped elsewhere', async () => {
      const created = await h.rpc.call(InstitutionContracts.create, { code: 'KLN-LOCAL', name: 'Klinik Lokal', type: 'KLINIK' }, { actor: system });
      expect((await h.rpc.call(InstitutionContracts.findOne, { id: created.id })).name).toBe('Klinik Lokal');
      const { redis, prefix } = redisOf(h);
      // The entries are gone from Redis and the row changed behind the back: the process still answers what it read.
      const entries = (await redis.keys(`${prefix}*`)).filter((key) => !key.endsWith('generation'));
      expect(entries.length).toBeGreaterThan(0);
      await redis.del(...entries);
      await h.prisma.institution.update({ where: { id: created.id }, data: { name: 'Klinik Diubah' } });
      expect((await h.rpc.call(InstitutionContracts.findOne, { id: created.id })).name).toBe('Klinik Lokal');
      // Another replica's write bumps the generation in Redis: the next read here is fresh.
      await redis.incr(`${prefix}generation`);
      expect((await h.rpc.call(InstitutionContracts.findOne, { id: created.id })).name).toBe('Klinik Diubah');
    });
  });

  describe('with Redis unreachable (client pointed at a closed port)', () => {
    let h: InstitutionHarness;
    beforeAll(async () => {
      h = await startInstitutionService('institution_nocache', { REDIS_URL: 'redis://127.0.0.1:1' });
    });
    afterAll(() => h?.close());

    it('reads and writes straight from and to the database', async () => {
      const created = await h.rpc.call(InstitutionContracts.create, { code: 'KLN-NOCACHE', name: 'Klinik Tanpa Cache', type: 'KLINIK' }, { actor: system });
      const service = await h.rpc.call(InstitutionContracts.createService, { institutionId: created.id, code: 'A', name: 'Poli Umum' }, { actor: system });
      expect((await h.rpc.call(InstitutionContracts.findOne, { id: created.id })).name).toBe('Klinik Tanpa Cache');
      await h.rpc.call(InstitutionContracts.update, { id: created.id, name: 'Klinik Masih Jalan' }, { actor: system });
      expect((await h.rpc.call(InstitutionContracts.findOne, { id: created.id })).name).toBe('Klinik Masih Jalan');
      expect((await h.rpc.call(InstitutionContracts.findAll, {})).total).toBe(1);
      expect((await h.rpc.call(InstitutionContracts.search, { q: 'klinik masih jalan' })).items[0].id).toBe(created.id);
      expect((await h.rpc.call(InstitutionContracts.getServices, { institutionId: created.id }))[0].id).toBe(service.id);
      expect((await h.rpc.call(InstitutionContracts.isServiceOpen, { institutionId: created.id, serviceId: service.id })).open).toBe(false);
    });
  });
});
