import { RegionLookup } from './region-lookup';

describe('RegionLookup', () => {
  const regions = RegionLookup.load();

  it("names province, regency and district by the NIK's region codes", () => {
    expect(regions.nameOf('32')).toBe('JAWA BARAT');
    expect(regions.nameOf('3205')).toBe('KABUPATEN GARUT');
    expect(regions.nameOf('320505')).toBe('TAROGONG KIDUL');
    expect(regions.nameOf('329999')).toBeNull();
  });

  it('lists regions by parent, and villages by district', () => {
    expect(regions.provinces().map((p) => p.code)).toContain('96');
    expect(regions.childrenOf('32').map((r) => r.name)).toContain('KOTA BANDUNG');
    expect(regions.childrenOf('3205')).toContainEqual({ code: '320505', name: 'TAROGONG KIDUL' });
    expect(regions.villagesOf('320505')).toContain('HAURPANGGUNG');
    expect(regions.regencies().length).toBeGreaterThan(500);
  });
});
