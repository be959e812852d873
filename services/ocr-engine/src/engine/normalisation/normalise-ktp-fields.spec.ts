import { RegionLookup } from '../regions/region-lookup';
import { normaliseKtpFields, normaliseRtRw, printedDateToIso } from './normalise-ktp-fields';

const read = (value: string) => ({ value, confidence: 0.9 });

describe('field normalisation', () => {
  it('turns printed dates into ISO, fixing look-alikes', () => {
    expect(printedDateToIso('17-08-1990')).toBe('1990-08-17');
    expect(printedDateToIso('I7-O8-l99O')).toBe('1990-08-17');
    expect(printedDateToIso('17081990')).toBe('1990-08-17');
    expect(printedDateToIso('31-02-1990')).toBeNull();
  });

  it('restores RT/RW', () => {
    expect(normaliseRtRw('001/002')).toBe('001/002');
    expect(normaliseRtRw('0O1/OO2')).toBe('001/002');
    expect(normaliseRtRw('0017002')).toBe('001/002');
    expect(normaliseRtRw('001002')).toBe('001/002');
    expect(normaliseRtRw('1/2')).toBe('001/002');
  });

  it('snaps closed vocabularies and splits place and date of birth', () => {
    const { fields } = normaliseKtpFields(
      {
        nik: read('32O5O54lOl9OOOOl'),
        tempatTanggalLahir: read('GARUT, 01-01-1990'),
        jenisKelamin: read('LAKLLAKI'),
        golonganDarah: read('0'),
        agama: read('ISLAN'),
        statusPerkawinan: read('BELUMKAWIN'),
        pekerjaan: read('KARYAWANSWASTA'),
        kewarganegaraan: read('WNl'),
        berlakuHingga: read('SEUMURHIDUP'),
      },
      null,
    );
    expect(fields.nik?.value).toBe('3205054101900001');
    expect(fields.tempatLahir?.value).toBe('GARUT');
    expect(fields.tanggalLahir?.value).toBe('1990-01-01');
    expect(fields.jenisKelamin?.value).toBe('LAKI-LAKI');
    expect(fields.golonganDarah?.value).toBe('O');
    expect(fields.agama?.value).toBe('ISLAM');
    expect(fields.statusPerkawinan?.value).toBe('BELUM KAWIN');
    expect(fields.pekerjaan?.value).toBe('KARYAWAN SWASTA');
    expect(fields.kewarganegaraan?.value).toBe('WNI');
    expect(fields.berlakuHingga?.value).toBe('SEUMUR HIDUP');
  });

  it('leaves free text it cannot place alone', () => {
    const { fields } = normaliseKtpFields({ pekerjaan: read('ASTRONOT'), berlakuHingga: read('17-08-2017') }, null);
    expect(fields.pekerjaan?.value).toBe('ASTRONOT');
    expect(fields.berlakuHingga?.value).toBe('2017-08-17');
  });

  describe('with the NIK region', () => {
    const regions = RegionLookup.load();
    const garut = regions.forNik('3205054101900001');

    it('corrects region names that are near the official ones', () => {
      const { fields, warnings } = normaliseKtpFields(
        { provinsi: read('JAWABARAT'), kabupatenKota: read('KABUPATENGARVT'), kecamatan: read('TAROGONGKIDUL'), kelurahanDesa: read('HAURPANGGUNC') },
        garut,
      );
      expect(fields.provinsi?.value).toBe('JAWA BARAT');
      expect(fields.kabupatenKota?.value).toBe('KABUPATEN GARUT');
      expect(fields.kecamatan?.value).toBe('TAROGONG KIDUL');
      expect(fields.kelurahanDesa?.value).toBe('HAURPANGGUNG');
      expect(warnings).toEqual([]);
    });

    it('accepts a Jakarta city printed without KOTA ADMINISTRASI', () => {
      const { fields, warnings } = normaliseKtpFields({ provinsi: read('DKI JAKARTA'), kabupatenKota: read('JAKARTA SELATAN') }, regions.forNik('3174054101900001'));
      expect(fields.kabupatenKota?.value).toBe('JAKARTA SELATAN');
      expect(warnings.filter((w) => w.field === 'kabupatenKota')).toEqual([]);
    });

    it('warns when the printed region disagrees with the NIK, keeping what is printed', () => {
      const { fields, warnings } = normaliseKtpFields({ provinsi: read('BALI'), kabupatenKota: read('KABUPATEN GARUT') }, garut);
      expect(fields.provinsi?.value).toBe('BALI');
      expect(warnings).toContainEqual(expect.objectContaining({ code: 'REGION_MISMATCH', field: 'provinsi' }));
    });
  });
});
