import type { KtpFields } from '../result';
import { applyGazetteer } from './region-fields';
import { RegionLookup } from './region-lookup';

const read = (value: string) => ({ value, confidence: 0.9 });
const GARUT_NIK = '3205054101900001';

describe('region fields against the gazetteer', () => {
  const regions = RegionLookup.load();

  it('corrects region names that are near the NIK region', () => {
    const fields: KtpFields = { provinsi: read('JAWABARAT'), kabupatenKota: read('KABUPATENGARVT'), kecamatan: read('TAROGONGKIDUL'), kelurahanDesa: read('HAURPANGGUNC') };
    const { warnings } = applyGazetteer(fields, GARUT_NIK, regions);
    expect(fields.provinsi?.value).toBe('JAWA BARAT');
    expect(fields.kabupatenKota?.value).toBe('KABUPATEN GARUT');
    expect(fields.kecamatan?.value).toBe('TAROGONG KIDUL');
    expect(fields.kelurahanDesa?.value).toBe('HAURPANGGUNG');
    expect(warnings).toEqual([]);
  });

  it('accepts a Jakarta city printed without KOTA ADMINISTRASI', () => {
    const fields: KtpFields = { provinsi: read('DKI JAKARTA'), kabupatenKota: read('JAKARTA SELATAN') };
    const { warnings } = applyGazetteer(fields, '3174054101900001', regions);
    expect(fields.kabupatenKota?.value).toBe('JAKARTA SELATAN');
    expect(fields.provinsi?.value).toBe('DKI JAKARTA');
    expect(warnings.filter((w) => w.field !== 'kecamatan')).toEqual([]);
  });

  it('warns when the printed region disagrees with the NIK, keeping what is printed', () => {
    const fields: KtpFields = { provinsi: read('BALI'), kabupatenKota: read('KABUPATEN GARUT') };
    const { warnings } = applyGazetteer(fields, GARUT_NIK, regions);
    expect(fields.provinsi?.value).toBe('BALI');
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'REGION_MISMATCH', field: 'provinsi' }));
  });

  it('snaps the kecamatan and kelurahan within the printed regency when the NIK names another one', () => {
    // A NIK first registered in Garut, a card printed in Pemalang: split words and a lost ending.
    const fields: KtpFields = { provinsi: read('JAWA TENGAH'), kabupatenKota: read('KABUPATEN PEMALANG'), kecamatan: read('PET ARUKAN') };
    applyGazetteer(fields, GARUT_NIK, regions);
    expect(fields.kabupatenKota?.value).toBe('KABUPATEN PEMALANG');
    expect(fields.kecamatan?.value).toBe('PETARUKAN');
  });

  it('snaps a birthplace to regency and city names, truncated or glued', () => {
    const fields: KtpFields = { tempatLahir: read('JOMBAN') };
    applyGazetteer(fields, null, regions);
    expect(fields.tempatLahir?.value).toBe('JOMBANG');
    const foreign: KtpFields = { tempatLahir: read('BERLIN') };
    applyGazetteer(foreign, null, regions);
    expect(foreign.tempatLahir?.value).toBe('BERLIN');
  });

  it('never fills a field the card did not show: the NIK region is a suggestion with a warning', () => {
    const fields: KtpFields = { provinsi: read('JAWA BARAT'), kabupatenKota: read('KABUPATEN GARUT') };
    const { suggestions, warnings } = applyGazetteer(fields, GARUT_NIK, regions);
    expect(fields.kecamatan).toBeUndefined();
    expect(suggestions).toEqual({ kecamatan: 'TAROGONG KIDUL' });
    expect(warnings).toEqual([expect.objectContaining({ code: 'REGION_SUGGESTED', field: 'kecamatan' })]);
  });

  it('keeps a region printed with its name from before the 2025 renaming, and snaps a split current name', () => {
    // Kecamatan 12.02.03, `Adian Koting` until 2025, now `Adiankoting`; village 14.02.08.2002 `Rantai Langsat` -> `Rantau Langsat`.
    const old: KtpFields = { provinsi: read('SUMATERA UTARA'), kabupatenKota: read('KABUPATEN TAPANULI UTARA'), kecamatan: read('ADIAN KOTING') };
    const { warnings } = applyGazetteer(old, '1202034101900001', regions);
    expect(old.kecamatan?.value).toBe('ADIAN KOTING');
    expect(warnings).toEqual([]);
    const split: KtpFields = { kecamatan: read('ADIANKOT ING') };
    applyGazetteer(split, '1202034101900001', regions);
    expect(split.kecamatan?.value).toBe('ADIANKOTING');
    const village: KtpFields = { kecamatan: read('BATANG GANSAL'), kelurahanDesa: read('RANTAI LANGSAT') };
    applyGazetteer(village, '1402084101900001', regions);
    expect(village.kelurahanDesa?.value).toBe('RANTAI LANGSAT');
    const birthplace: KtpFields = { tempatLahir: read('TANJUNG BALAI') };
    applyGazetteer(birthplace, null, regions);
    expect(birthplace.tempatLahir?.value).toBe('TANJUNG BALAI');
  });
});
