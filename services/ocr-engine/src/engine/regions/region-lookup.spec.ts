import { FORMER_REGION_NAMES } from './former-region-names';
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

  it('keeps the name a region had before the 2025 renaming, and lists former village names with their district', () => {
    expect(regions.nameOf('120203')).toBe('ADIANKOTING');
    expect(regions.formerNameOf('120203')).toBe('ADIAN KOTING');
    expect(regions.formerNameOf('320505')).toBeNull();
    expect(regions.villagesOf('140208')).toEqual(expect.arrayContaining(['RANTAU LANGSAT', 'RANTAI LANGSAT']));
  });

  it('has a former name only for codes of the current data whose name changed', () => {
    for (const [code, former] of Object.entries(FORMER_REGION_NAMES)) {
      if (code.length === 10) expect(regions.villagesOf(code.slice(0, 6))).toContain(former);
      else expect({ code, renamed: regions.nameOf(code) !== null && regions.nameOf(code) !== former }).toEqual({ code, renamed: true });
    }
  });
});
