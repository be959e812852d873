import { RegionLookup } from '../../services/ocr-engine/src/engine/regions/region-lookup';
import { readKtpFromTextBoxes } from './engine-label-parser';
import { ppocrLineToTextItem, type PpocrLine } from './ppocr-reader';

/** A box as @gutenye/ocr-common returns it, on a card turned `degrees` clockwise about the origin. */
function line(text: string, x: number, row: number, degrees: number, width = 11 * text.length): PpocrLine {
  const a = (degrees * Math.PI) / 180;
  const turn = ([px, py]: [number, number]): [number, number] => [px * Math.cos(a) - py * Math.sin(a), px * Math.sin(a) + py * Math.cos(a)];
  const top = 40 + row * 28;
  return { text, mean: 0.95, box: [turn([x, top]), turn([x + width, top]), turn([x + width, top + 20]), turn([x, top + 20])] };
}

const ROWS: [string, string][] = [
  ['NIK', '：3205054101900001'],
  ['Nama', 'SITI NURJANAH'],
  ['Tempat/Tgl Lahir', '：GARUT,01-01-1990'],
  ['JenisKelamin', '：PEREMPUAN'],
  ['Alamat', 'KP. CIOJAR'],
  ['RT/RW', '：001/002'],
  ['Kel/Desa', '：HAURPANGGUNG'],
  ['Kecamatan', 'TAROGONG KIDUL'],
  ['Agama', '：ISLAM'],
];

describe('the PP-OCRv4 baseline through the engine parser', () => {
  const regions = RegionLookup.load();

  it("reads a tilted card's boxes, given as the package's four corners, as a KTP", () => {
    const lines = [line('PROVINSIJAWABARAT', 280, -2, 3), line('KABUPATEN GARUT', 300, -1, 3)];
    ROWS.forEach(([label, value], row) => lines.push(line(label, 30, row, 3, 160), line(value, 240, row, 3)));
    lines.push(line('GARUT', 720, 8, 3, 60));
    const reading = readKtpFromTextBoxes(lines.map(ppocrLineToTextItem), regions);
    const fields = Object.fromEntries(Object.entries(reading?.fields ?? {}).map(([k, v]) => [k, v?.value]));
    expect(fields).toMatchObject({
      provinsi: 'JAWA BARAT',
      kabupatenKota: 'KABUPATEN GARUT',
      nik: '3205054101900001',
      nama: 'SITI NURJANAH',
      tempatLahir: 'GARUT',
      tanggalLahir: '1990-01-01',
      jenisKelamin: 'PEREMPUAN',
      kecamatan: 'TAROGONG KIDUL',
      agama: 'ISLAM',
    });
  });

  it('gives no reading for text that is not a KTP', () => {
    const lines = [line('BANK NUSANTARA', 40, 0, 0), line('4111 2222 3333 4444', 40, 3, 0), line('VALID THRU 12/29', 40, 4, 0)];
    expect(readKtpFromTextBoxes(lines.map(ppocrLineToTextItem), regions)).toBeNull();
  });
});
