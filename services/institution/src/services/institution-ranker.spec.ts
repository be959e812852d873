import { FACILITIES, SEARCH_TABLE } from '../../test/fixtures/facilities';
import { editDistance, rankInstitutions, requiredFragments, searchPlan, tokenSimilarity } from './institution-ranker';
import { buildSearchText, tokenizeWords } from './search-text';

describe('institution search ranking', () => {
  it.each(SEARCH_TABLE)('"%s" ranks %s first', (query, topCode) => {
    const ranked = rankInstitutions(searchPlan(query), FACILITIES);
    expect(ranked[0]?.item.code).toBe(topCode);
  });

  it('expands abbreviations per word and drops "dan"', () => {
    expect(tokenizeWords('RSUD Kec. Tebet dan Sekitarnya')).toEqual([
      ['rumah', 'sakit', 'umum', 'daerah'],
      ['kecamatan'],
      ['tebet'],
      ['sekitarnya'],
    ]);
  });

  it('stores accent-free, expanded search text', () => {
    expect(buildSearchText({ code: 'X-1', name: 'Klinik Sëhat', type: 'KLINIK', city: 'Kab. Bogor' })).toBe('klinik sehat klinik kabupaten bogor x 1');
  });

  it('counts transpositions as one edit and gives up above the bound', () => {
    expect(editDistance('puskesmsa', 'puskesmas', 2)).toBe(1);
    expect(editDistance('sutomo', 'soetomo', 2)).toBe(2);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('tolerates 1 typo in short words, 2 in long ones, none in 3-letter words', () => {
    expect(tokenSimilarity('tebt', 'tebet')).toBeGreaterThan(0);
    expect(tokenSimilarity('tbt', 'tebet')).toBe(0);
    expect(tokenSimilarity('cakng', 'cakung')).toBeGreaterThan(0);
    expect(tokenSimilarity('cxkxnx', 'cakung')).toBe(0);
    expect(tokenSimilarity('manggunkusmo', 'mangunkusumo')).toBeGreaterThan(0);
    expect(tokenSimilarity('rsj', 'rsu')).toBe(0);
  });

  it('requires fragments that survive the allowed typos, or none when that is impossible', () => {
    expect(requiredFragments('rs')).toEqual(['rs']);
    expect(requiredFragments('tebt')).toEqual([]);
    expect(requiredFragments('cakng')).toEqual(['ca', 'ak', 'kn', 'ng']);
    expect(requiredFragments('puskesmas')).toEqual(['pu', 'us', 'sk', 'ke', 'es', 'sm', 'ma', 'as']);
    expect(requiredFragments('mangunkusumo')).toEqual(['man', 'ang', 'ngu', 'gun', 'unk', 'nku', 'kus', 'usu', 'sum', 'umo']);
  });

  it('every record the ranker accepts contains a required fragment of each matched word', () => {
    for (const [query] of SEARCH_TABLE) {
      const plan = searchPlan(query);
      for (const { item } of rankInstitutions(plan, FACILITIES)) {
        const text = buildSearchText(item);
        const satisfied = plan.words.filter((word) => word.every(({ fragments }) => fragments.length === 0 || fragments.some((f) => text.includes(f))));
        expect(satisfied.length).toBeGreaterThanOrEqual(plan.minMatchedWords);
      }
    }
  });

  it('answers nothing for an empty query or unrelated words', () => {
    expect(rankInstitutions(searchPlan('  ...  '), FACILITIES)).toEqual([]);
    expect(rankInstitutions(searchPlan('zzzz qqqq'), FACILITIES)).toEqual([]);
  });
});
