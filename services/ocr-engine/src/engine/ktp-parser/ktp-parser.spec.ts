import { groupLines, type TextItem } from '../layout/line-grouping';
import { parseKtp } from './ktp-parser';

/** One recognised box at column `x`, row `row` of an untilted card. */
function box(text: string, x: number, row: number, width = 10 * text.length): TextItem {
  return { box: { cx: x + width / 2, cy: 40 + row * 28, width, height: 20, angle: 0 }, text, chars: [], confidence: 0.9 };
}

/** A KTP layout: header, then label column at x = 30, values at x = 240, photo zone far right. */
function card(rows: [string | null, string | null][], header = true): TextItem[] {
  const items: TextItem[] = [];
  if (header) items.push(box('PROVINSIJAWABARAT', 280, -2), box('KABUPATENGARUT', 300, -1));
  rows.forEach(([label, value], row) => {
    if (label) items.push(box(label, 30, row, 160));
    if (value) items.push(box(value, 240, row));
  });
  items.push(box('GARUT', 700, 9, 80), box('29-06-2018', 690, 10, 100));
  return items;
}

const FULL: [string, string][] = [
  ['NIK', ':3205054101900001'],
  ['Nama', ':SITI NURJANAH'],
  ['Tempat/Tgl Lahir', ':GARUT, 01-01-1990'],
  ['Jenis kelamin', ':PEREMPUAN'],
  ['Alamat', ':KP. CIOJAR'],
  ['RT/RW', ':001/002'],
  ['Kel/Desa', ':HAURPANGGUNG'],
  ['Kecamatan', ':TAROGONG KIDUL'],
  ['Agama', ':ISLAM'],
  ['Status Perkawinan', ':KAWIN'],
  ['Pekerjaan', ':KARYAWAN SWASTA'],
  ['Kewarganegaraan', ':WNI'],
  ['Berlaku Hingga', ':SEUMUR HIDUP'],
];

const values = (items: TextItem[]) =>
  Object.fromEntries(Object.entries(parseKtp(groupLines(items)).fields).map(([k, v]) => [k, v?.value]));

describe('parseKtp', () => {
  it('reads every field of a clean layout and ignores the photo zone', () => {
    const parsed = parseKtp(groupLines(card(FULL)));
    expect(parsed.labelsMatched).toBe(13);
    expect(parsed.hasProvinceHeader).toBe(true);
    expect(values(card(FULL))).toEqual({
      provinsi: 'JAWABARAT',
      kabupatenKota: 'KABUPATENGARUT',
      nik: '3205054101900001',
      nama: 'SITI NURJANAH',
      tempatTanggalLahir: 'GARUT, 01-01-1990',
      jenisKelamin: 'PEREMPUAN',
      alamat: 'KP. CIOJAR',
      rtRw: '001/002',
      kelurahanDesa: 'HAURPANGGUNG',
      kecamatan: 'TAROGONG KIDUL',
      agama: 'ISLAM',
      statusPerkawinan: 'KAWIN',
      pekerjaan: 'KARYAWAN SWASTA',
      kewarganegaraan: 'WNI',
      berlakuHingga: 'SEUMUR HIDUP',
    });
  });

  it('tolerates misread labels and infers an unreadable one from the label order', () => {
    const rows = FULL.map(([l, v]) => [l, v] as [string, string]);
    rows[9][0] = 'Stalun Parkawnan';
    rows[6][0] = 'KavDesn';
    rows[5][0] = '#%&';
    const got = values(card(rows));
    expect(got.statusPerkawinan).toBe('KAWIN');
    expect(got.kelurahanDesa).toBe('HAURPANGGUNG');
    expect(got.rtRw).toBe('001/002');
    expect(got.kecamatan).toBe('TAROGONG KIDUL');
  });

  it('splits values glued to their label and the blood type on the gender line', () => {
    const rows = FULL.map(([l, v]) => [l, v] as [string | null, string | null]);
    rows[9] = ['Status Perkawinan: BELUM KAWIN', null];
    rows[11] = ['KewarganegaraanWNI', null];
    const items = card(rows);
    items.push(box('Gol.Darah:O', 440, 3, 100));
    const got = values(items);
    expect(got.statusPerkawinan).toBe('BELUM KAWIN');
    expect(got.kewarganegaraan).toBe('WNI');
    expect(got.jenisKelamin).toBe('PEREMPUAN');
    expect(got.golonganDarah).toBe('O');
  });

  it('reads an empty blood type as the dash that the detector cannot see', () => {
    const items = card(FULL);
    items.push(box('Gol. Darah:', 440, 3, 100));
    expect(values(items).golonganDarah).toBe('-');
  });

  it('finds the blood type inside the value box it was merged with, and leaves a look-alike in an address alone', () => {
    const rows = FULL.map(([l, v]) => [l, v] as [string, string]);
    rows[2] = ['Tempat/Tgl Lahir', ':GARUT, 01-01-1990 Gol. Darah: A'];
    const got = values(card(rows));
    expect(got.tempatTanggalLahir).toBe('GARUT, 01-01-1990');
    expect(got.golonganDarah).toBe('A');

    // On a line of its own between two rows (a tilted card): not a continuation of the row above.
    rows[2] = ['Tempat/Tgl Lahir', ':GARUT, 01-01-1990'];
    const alone = card(rows);
    alone.push({ ...box('Gol. Darah: B', 440, 0, 120), box: { cx: 500, cy: 40 + 2.5 * 28, width: 120, height: 20, angle: 0 } });
    const own = values(alone);
    expect(own.tempatTanggalLahir).toBe('GARUT, 01-01-1990');
    expect(own.golonganDarah).toBe('B');

    rows[4] = ['Alamat', ':JL. GOLF DARAT NO. 5'];
    const address = values(card(rows));
    expect(address.alamat).toBe('JL. GOLF DARAT NO. 5');
    expect(address.golonganDarah).toBeUndefined();
  });

  it('joins a wrapped address line to the address', () => {
    const items = card(FULL).map((i) => (i.box.cy >= 40 + 5 * 28 ? { ...i, box: { ...i.box, cy: i.box.cy + 28 } } : i));
    items.push(box('BLOK C NO. 7', 240, 5));
    const got = values(items);
    expect(got.alamat).toBe('KP. CIOJAR BLOK C NO. 7');
    expect(got.rtRw).toBe('001/002');
  });

  it('notices SIM text', () => {
    const parsed = parseKtp(groupLines([box('SURAT IZIN MENGEMUDI', 200, 0), box('Nama', 30, 2)]));
    expect(parsed.hasSimCues).toBe(true);
  });
});
