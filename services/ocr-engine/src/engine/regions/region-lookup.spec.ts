import { RegionLookup } from './region-lookup';

describe('RegionLookup', () => {
  const regions = RegionLookup.load();

  it('names province, regency and district from the first six NIK digits', () => {
    const region = regions.forNik('3205054101900001');
    expect(region).toMatchObject({ province: 'JAWA BARAT', regency: 'KABUPATEN GARUT', district: 'TAROGONG KIDUL' });
    expect(region.villages).toContain('HAURPANGGUNG');
  });

  it('resolves only as far as the codes still exist', () => {
    expect(regions.forNik('3299994101900001')).toMatchObject({ province: 'JAWA BARAT', regency: null, district: null });
  });
});
