import { RELIGIONS } from './ktp-vocabularies';
import { leadingEntry, separateGluedValues } from './glued-values';

const read = (value: string) => ({ value, confidence: 0.9 });
const values = (fields: ReturnType<typeof separateGluedValues>) => Object.fromEntries(Object.entries(fields).map(([key, reading]) => [key, reading?.value]));

describe('values of merged rows', () => {
  it('finds the longest leading vocabulary entry and what follows it', () => {
    expect(leadingEntry('ISLAM KAWIN', RELIGIONS, 0.3)).toEqual({ entry: 'ISLAM', rest: 'KAWIN' });
    expect(leadingEntry('KEPERCAYAAN TERHADAP TUHAN YME KAWIN', RELIGIONS, 0.3)).toEqual({ entry: 'KEPERCAYAAN TERHADAP TUHAN YME', rest: 'KAWIN' });
    expect(leadingEntry('ISLAM', RELIGIONS, 0.3)).toBeNull();
    expect(leadingEntry('KAWIN ISLAM', RELIGIONS, 0.3)).toBeNull();
  });

  it('keeps the entry of a closed field and hands the rest to the empty row below when it reads as its value', () => {
    expect(values(separateGluedValues({ agama: read('ISLAM KAWIN') }))).toEqual({ agama: 'ISLAM', statusPerkawinan: 'KAWIN' });
    expect(values(separateGluedValues({ agama: read('ISLAM KAWIN'), statusPerkawinan: read('KAWIN') }))).toEqual({ agama: 'ISLAM', statusPerkawinan: 'KAWIN' });
    expect(values(separateGluedValues({ berlakuHingga: read('SEUMUR HIDUP DRMAN MANC') }))).toEqual({ berlakuHingga: 'SEUMUR HIDUP' });
    expect(values(separateGluedValues({ jenisKelamin: read('FEMALE GoI DEBH AB') }))).toEqual({ jenisKelamin: 'FEMALE' });
    // The rest is no marital status: the row below stays empty.
    expect(values(separateGluedValues({ agama: read('ISLAM PETANI') }))).toEqual({ agama: 'ISLAM' });
  });

  it("gives the row above its value back when it is empty and the value below begins with it, exactly", () => {
    expect(values(separateGluedValues({ statusPerkawinan: read('ISLAM BELUM KAWIN') }))).toEqual({ agama: 'ISLAM', statusPerkawinan: 'BELUM KAWIN' });
    expect(values(separateGluedValues({ alamat: read('PEREMPUAN JL. DIPONEGORO') }))).toEqual({ jenisKelamin: 'PEREMPUAN', alamat: 'JL. DIPONEGORO' });
    // Not exactly an entry: left as read.
    expect(values(separateGluedValues({ alamat: read('PEREMPUANA JL. DIPONEGORO') }))).toEqual({ alamat: 'PEREMPUANA JL. DIPONEGORO' });
  });

  it('leaves values that read as a whole, and fields outside the lists, as read', () => {
    const card = { agama: read('ISLAN'), statusPerkawinan: read('BELUM KAWlN'), berlakuHingga: read('17-08-2030'), kewarganegaraan: read('NEW ZEALAND'), pekerjaan: read('PETANI LAINNYA') };
    expect(values(separateGluedValues(card))).toEqual(values(card));
  });
});
