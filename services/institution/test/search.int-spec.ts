import { Actor, ErrorCode, InstitutionContracts } from '@mediq/contracts';
import { FACILITIES, SEARCH_TABLE } from './fixtures/facilities';
import { errorOf, InstitutionHarness, startInstitutionService } from './support/institution-harness';

const system: Actor = { kind: 'system' };

describe('institution search over RabbitMQ and MySQL (prefilter in SQL, ranking in process)', () => {
  let h: InstitutionHarness;

  beforeAll(async () => {
    h = await startInstitutionService('institution_search');
    for (const facility of FACILITIES) await h.rpc.call(InstitutionContracts.create, facility, { actor: system });
  }, 60_000);
  afterAll(() => h?.close());

  it(`seeds at least 50 facilities and a table of at least 20 queries`, () => {
    expect(FACILITIES.length).toBeGreaterThanOrEqual(50);
    expect(SEARCH_TABLE.length).toBeGreaterThanOrEqual(20);
  });

  it.each(SEARCH_TABLE)('"%s" answers %s first', async (query, topCode) => {
    const page = await h.rpc.call(InstitutionContracts.search, { q: query });
    expect(page.items[0]?.code).toBe(topCode);
    const scores = page.items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('pages the ranked results and reports their total', async () => {
    const all = await h.rpc.call(InstitutionContracts.search, { q: 'puskesmas', pageSize: 100 });
    expect(all.total).toBe(FACILITIES.filter((f) => f.type === 'PUSKESMAS').length);
    const second = await h.rpc.call(InstitutionContracts.search, { q: 'puskesmas', page: 2, pageSize: 5 });
    expect(second.items.map((i) => i.code)).toEqual(all.items.slice(5, 10).map((i) => i.code));
  });

  it('leaves out inactive institutions and finds renamed ones under their new name', async () => {
    const tebet = await h.rpc.call(InstitutionContracts.findByCode, { code: 'PKM-TEBET' });
    await h.rpc.call(InstitutionContracts.update, { id: tebet.id, active: false }, { actor: system });
    expect((await h.rpc.call(InstitutionContracts.search, { q: 'puskesmas tebet' })).items[0]?.code).not.toBe('PKM-TEBET');
    await h.rpc.call(InstitutionContracts.update, { id: tebet.id, active: true, name: 'Puskesmas Kecamatan Tebet Raya' }, { actor: system });
    expect((await h.rpc.call(InstitutionContracts.search, { q: 'tebet raya' })).items[0]?.code).toBe('PKM-TEBET');
  });

  it('answers an empty page for nonsense and 400 for a query under 2 characters', async () => {
    expect(await h.rpc.call(InstitutionContracts.search, { q: 'xqzv wprt' })).toEqual({ items: [], page: 1, pageSize: 20, total: 0 });
    const error = await errorOf(h.rpc.call(InstitutionContracts.search, { q: 'a' }));
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details).toEqual({ fields: { q: 'must be at least 2 characters' } });
  });
});
