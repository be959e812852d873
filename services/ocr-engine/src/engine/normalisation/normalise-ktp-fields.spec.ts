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
    const fields = normaliseKtpFields(
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
    const fields = normaliseKtpFields({ pekerjaan: read('ASTRONOT'), berlakuHingga: read('17-08-2017') });
    expect(fields.pekerjaan?.value).toBe('ASTRONOT');
    expect(fields.berlakuHingga?.value).toBe('2017-08-17');
  });

  it('strips separator residue from free-text values', () => {
    const fields = normaliseKtpFields({ alamat: read('l : JLRAYA BOGOR'), nama: read('t SITI AMINAH') });
    expect(fields.alamat?.value).toBe('JL. RAYA BOGOR');
    expect(fields.nama?.value).toBe('SITI AMINAH');
  });
});
