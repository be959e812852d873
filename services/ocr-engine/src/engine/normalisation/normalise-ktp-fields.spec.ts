import { isPossibleBirthDate, normaliseKtpFields, normaliseRtRw, printedDateToIso, repairBirthYear } from './normalise-ktp-fields';

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

describe('blood type', () => {
  it('is read after separator residue', () => {
    const bloodType = (text: string) => normaliseKtpFields({ golonganDarah: { value: text, confidence: 0.9 } }).golonganDarah?.value;
    expect(bloodType('t:-')).toBe('-');
    expect(bloodType(': AB')).toBe('AB');
    expect(bloodType('O')).toBe('O');
    expect(bloodType('u')).toBeUndefined();
  });
});

describe('birthplace', () => {
  const placeAndDate = (text: string) => {
    const fields = normaliseKtpFields({ tempatTanggalLahir: { value: text, confidence: 0.9 } });
    return [fields.tempatLahir?.value, fields.tanggalLahir?.value];
  };

  it('ends where the remains of an unreadable date begin', () => {
    expect(placeAndDate('TELUK BINTUNI 140')).toEqual(['TELUK BINTUNI', undefined]);
    expect(placeAndDate('TRENGGALEK 29H 2-2004')).toEqual(['TRENGGALEK', undefined]);
    expect(placeAndDate('TANJUNG PINANG, 01-0l-19')).toEqual(['TANJUNG PINANG', undefined]);
    expect(placeAndDate('KOTA BARU')).toEqual(['KOTA BARU', undefined]);
  });

  it('drops the end of its label glued to the colon', () => {
    expect(placeAndDate('2E: TARAKAN, 05-05-1985')).toEqual(['TARAKAN', '1985-05-05']);
    expect(placeAndDate('ir :KEBUMEN, 21-02-1960')).toEqual(['KEBUMEN', '1960-02-21']);
    expect(placeAndDate('BANDAR LAMPUNG, 21-02-1960')).toEqual(['BANDAR LAMPUNG', '1960-02-21']);
  });
});

describe('birth years', () => {
  const today = new Date('2026-12-07T00:00:00Z');

  it('knows a birth date from 1900 to today as possible, and nothing else', () => {
    expect(isPossibleBirthDate('1900-01-01', today)).toBe(true);
    expect(isPossibleBirthDate('2026-12-07', today)).toBe(true);
    expect(isPossibleBirthDate('1899-12-31', today)).toBe(false);
    expect(isPossibleBirthDate('2026-12-08', today)).toBe(false);
    expect(isPossibleBirthDate('1092-03-02', today)).toBe(false);
  });

  it('repairs misread century digits to 19 or 20, whichever is possible and nearer the reading', () => {
    expect(repairBirthYear('1092-03-02', today)).toBe('1992-03-02');
    expect(repairBirthYear('1885-01-06', today)).toBe('1985-01-06');
    expect(repairBirthYear('2985-01-06', today)).toBe('1985-01-06');
    // 2105 -> 2005 changes one digit, 1905 two.
    expect(repairBirthYear('2105-06-01', today)).toBe('2005-06-01');
  });

  it('leaves a possible date, and one it cannot decide, as read', () => {
    expect(repairBirthYear('1906-06-14', today)).toBeNull();
    expect(repairBirthYear('1990-08-17', today)).toBeNull();
    // 1005: 1905 and 2005 both change one digit.
    expect(repairBirthYear('1005-06-01', today)).toBeNull();
  });

  it('takes the only candidate that is a possible date', () => {
    // 29 February 1900 does not exist; 2000 does.
    expect(repairBirthYear('1600-02-29', today)).toBe('2000-02-29');
    // 2030 is still to come.
    expect(repairBirthYear('2130-06-30', today)).toBe('1930-06-30');
  });
});
