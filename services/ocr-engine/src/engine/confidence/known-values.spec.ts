import { RegionLookup } from '../regions/region-lookup';
import { isKnownValue } from './known-values';

describe('known values', () => {
  const regions = RegionLookup.load();

  it('knows closed vocabularies, official region names and well-formed numbers', () => {
    expect(isKnownValue('agama', 'ISLAM', regions)).toBe(true);
    expect(isKnownValue('pekerjaan', 'PELAJA', regions)).toBe(false);
    expect(isKnownValue('kecamatan', 'TAROGONG KIDUL', regions)).toBe(true);
    expect(isKnownValue('kecamatan', 'KORMO', regions)).toBe(false);
    expect(isKnownValue('kabupatenKota', 'JAKARTA SELATAN', regions)).toBe(true);
    expect(isKnownValue('tempatLahir', 'BANDUNG', regions)).toBe(true);
    expect(isKnownValue('nik', '81', regions)).toBe(false);
    expect(isKnownValue('rtRw', '001/002', regions)).toBe(true);
  });

  it('knows the names regions had before the 2025 renaming', () => {
    expect(isKnownValue('kecamatan', 'ADIAN KOTING', regions)).toBe(true);
    expect(isKnownValue('kabupatenKota', 'KOTA TANJUNG BALAI', regions)).toBe(true);
    expect(isKnownValue('kelurahanDesa', 'RANTAI LANGSAT', regions)).toBe(true);
  });

  it('has no list for names and addresses', () => {
    expect(isKnownValue('nama', 'SITI AMINAH', regions)).toBeNull();
  });
});
