import { groupLines, type TextItem } from '../layout/line-grouping';
import { parseKtp } from './ktp-parser';
import { findLabelColumn, readLabelLayout } from './label-layout';

/** One box at column `x`, row `row` of an untilted card; `text` is what recognition read (empty: not read). */
function box(text: string, x: number, row: number, width: number): TextItem {
  return { box: { cx: x + width / 2, cy: 40 + row * 28, width, height: 20, angle: 0 }, text, chars: [], confidence: 0.9 };
}

type Row = [label: string | null, value: string | null];

const FULL: Row[] = [
  ['NIK', ':3205054101900001'],
  ['Nama', ':SITI NURJANAH'],
  ['Tempat/Tgl Lahir', ':GARUT, 01-01-1990'],
  ['Jenis kelamin', ':PEREMPUAN'],
  ['Alamat', ':KP. CIOJAR'],
  [null, 'BLOK C NO. 7'],
  ['RT/RW', ':001/002'],
  ['Kel/Desa', ':HAURPANGGUNG'],
  ['Kecamatan', ':TAROGONG KIDUL'],
  ['Agama', ':ISLAM'],
  ['Status Perkawinan', ':KAWIN'],
  ['Pekerjaan', ':KARYAWAN SWASTA'],
  ['Kewarganegaraan', ':WNI'],
  ['Berlaku Hingga', ':SEUMUR HIDUP'],
];

/**
 * A KTP: header, label column at x = 30 (labels 150 px wide), values at x = 240, photo zone far right.
 * With `readLabels` false the label and photo-zone boxes come as recognition never saw them (empty text).
 */
function card(rows: Row[], readLabels: boolean): TextItem[] {
  const items = [box('PROVINSI JAWA BARAT', 250, -2, 300), box('KABUPATEN GARUT', 270, -1, 260)];
  rows.forEach(([label, value], row) => {
    if (label) items.push(box(readLabels ? label : '', 30, row, 150));
    if (value) items.push(box(value, 240, row, 12 * value.length));
  });
  items.push(box(readLabels ? 'GARUT' : '', 700, 10, 80), box(readLabels ? '29-06-2018' : '', 690, 11, 100));
  return items;
}

function layoutOf(items: TextItem[], readLabelBoxes?: ReadonlySet<TextItem['box']>) {
  const column = findLabelColumn(items.map((item) => item.box));
  return column && readLabelLayout(items, column, readLabelBoxes);
}

/** The layout of a card whose rows and values confirm it (fails the test otherwise). */
function confirmedLayoutOf(items: TextItem[], readLabelBoxes?: ReadonlySet<TextItem['box']>) {
  const layout = layoutOf(items, readLabelBoxes);
  if (!layout?.confirmed) throw new Error(`layout not confirmed: ${JSON.stringify(layout)}`);
  return layout;
}

/** The boxes whose label `layoutOf` asks to read, each given the text recognition would read there (`readAs`, else the printed label). */
function readLabelsAskedFor(items: TextItem[], readAs: Partial<Record<string, string>> = {}) {
  const layout = layoutOf(items);
  if (!layout || layout.confirmed) throw new Error('no labels asked for');
  const asked = new Set(layout.labelsToRead);
  const labelAt = new Map(items.filter((item) => item.text === '').map((item) => [item.box, printedLabelAt(item)]));
  return {
    asked: [...asked].map((box) => labelAt.get(box)),
    items: items.map((item) => (asked.has(item.box) ? { ...item, text: readAs[labelAt.get(item.box)!] ?? labelAt.get(item.box)! } : item)),
    readLabelBoxes: asked,
  };
}

/** The printed label of `card`'s label box at this place ('' between the rows: a stray box). */
function printedLabelAt(item: TextItem): string {
  const row = (item.box.cy - 40) / 28;
  return (Number.isInteger(row) && FULL[row][0]) || '';
}

describe('findLabelColumn', () => {
  it('takes the boxes that end before the value column as label boxes, those right of the photo zone edge as photo-zone boxes, and nothing else', () => {
    const items = card(FULL, false);
    const column = findLabelColumn(items.map((item) => item.box))!;
    const unread = items.filter((item) => item.text === '').map((item) => item.box);
    expect([...column.labelBoxes]).toEqual(unread.slice(0, -2));
    expect([...column.photoZoneBoxes]).toEqual(unread.slice(-2));
    expect([column.labelLeft, column.valueLeft]).toEqual([30, 240]);
  });

  it('finds no column on text without label and value rows', () => {
    expect(findLabelColumn([box('SURAT IZIN MENGEMUDI', 100, 0, 400).box, box('1234-5678-000001', 300, 2, 300).box])).toBeNull();
  });
});

describe('readLabelLayout', () => {
  it('labels the rows from their order and parses them as the labels read as text would', () => {
    const layout = confirmedLayoutOf(card(FULL, false));
    expect(layout.parsed).toEqual(parseKtp(groupLines(card(FULL, true))));
    expect([...layout.labels.values()]).toEqual(FULL.flatMap(([label]) => (label ? [label.replace('kelamin', 'Kelamin')] : [])));
  });

  it('takes a recognised label glued to its value as that row', () => {
    const rows = FULL.map(([label, value]): Row => (label === 'Status Perkawinan' ? [null, null] : [label, value]));
    const items = [...card(rows, false), box('Status Perkawinan: KAWIN', 30, 10, 300)];
    expect(confirmedLayoutOf(items).parsed.fields.statusPerkawinan?.value).toBe('KAWIN');
  });

  it('asks for the labels of the rows whose value does not fit, and only those', () => {
    const rows = FULL.map(([label, value]): Row => [label, label === 'Agama' ? ':SUAM' : label === 'Jenis kelamin' ? null : value]);
    expect(readLabelsAskedFor(card(rows, false)).asked).toEqual(['Jenis kelamin', 'Agama']);
  });

  it('confirms those rows when their labels read as theirs, keeping the values as read', () => {
    const rows = FULL.map(([label, value]): Row => [label, label === 'Agama' ? ':SUAM' : value]);
    const { items, readLabelBoxes } = readLabelsAskedFor(card(rows, false), { Agama: 'Aqama' });
    const layout = confirmedLayoutOf(items, readLabelBoxes);
    expect(layout.parsed.fields.agama?.value).toBe('SUAM');
    expect(layout.parsed.fields.statusPerkawinan?.value).toBe('KAWIN');
    expect(layout.labels.size).toBe(13);
  });

  it('is not trusted when a label read for a row whose value does not fit is another label', () => {
    const rows = FULL.map(([label, value]): Row => [label, label === 'Agama' ? ':SUAM' : value]);
    const { items, readLabelBoxes } = readLabelsAskedFor(card(rows, false), { Agama: 'Pekerjaan' });
    expect(layoutOf(items, readLabelBoxes)).toBeNull();
  });

  it('confirms a row whose label, glued to its value, reads as its label, though the value does not fit', () => {
    const rows = FULL.map(([label, value]): Row => (label === 'Agama' ? [null, null] : [label, value]));
    const items = [...card(rows, false), box('Agama: SUAM', 30, 9, 300)];
    expect(confirmedLayoutOf(items).parsed.fields.agama?.value).toBe('SUAM');
  });

  it('takes every line from the NIK down as a row when labels are missing (too faint to detect) and the lines are as many as the labels', () => {
    const oneLineAddress = FULL.filter(([label]) => label);
    const faint = oneLineAddress.map(([label, value]): Row => [label === 'Nama' || label === 'Agama' ? null : label, value]);
    // An issuing-date line of its own in the photo zone is no row.
    const items = [...card(faint, false), box('', 690, 8.5, 100)];
    const layout = confirmedLayoutOf(items);
    expect(layout.parsed.fields).toEqual(parseKtp(groupLines(card(oneLineAddress, true))).fields);
    expect(layout.labels.size).toBe(11);
  });

  it('is not trusted when a label is missing and the lines are more than the labels (a wrapped address)', () => {
    const faint = FULL.map(([label, value]): Row => [label === 'Agama' ? null : label, value]);
    expect(layoutOf(card(faint, false))).toBeNull();
  });

  it('is not trusted when a label row is missing (the wrapped address line, no label box, would take RT/RW)', () => {
    const rows = FULL.map(([label, value]): Row => (label === 'Agama' ? [null, null] : [label, value]));
    expect(layoutOf(card(rows, false))).toBeNull();
  });

  it('is not trusted when the row count fits but the values do not, and the labels read for them are other labels (a label missing, a stray box in the column)', () => {
    const rows = FULL.map(([label, value]): Row => (label === 'RT/RW' ? [null, value] : [label, value]));
    const shifted = readLabelsAskedFor([...card(rows, false), box('', 30, 1.5, 150)]);
    expect(shifted.asked).toEqual(['', 'Tempat/Tgl Lahir', 'Alamat']);
    expect(layoutOf(shifted.items, shifted.readLabelBoxes)).toBeNull();
  });

  it('takes a label glued to its value and misread as an unreadable label: trusted when the value fits', () => {
    const rows = FULL.map(([label, value]): Row => (label === 'Status Perkawinan' ? [null, null] : [label, value]));
    const items = [...card(rows, false), box('Sta a Porkaw an : KAWIN', 30, 10, 300)];
    expect(confirmedLayoutOf(items).parsed.fields.statusPerkawinan?.value).toBe('KAWIN');
  });

  it('is not trusted when a recognised first box does not read as its row label and the value does not fit', () => {
    const rows = FULL.map(([label, value]): Row => (label === 'Status Perkawinan' ? [null, null] : [label, value]));
    const items = [...card(rows, false), box('KAWIN BELUM', 30, 10, 300)];
    expect(layoutOf(items)).toBeNull();
  });

  it('is not trusted when a label box read for a row whose value does not fit reads as nothing', () => {
    const rows = FULL.map(([label, value]): Row => [label, label === 'Agama' ? ':SUAM' : value]);
    const { items, readLabelBoxes } = readLabelsAskedFor(card(rows, false), { Agama: '' });
    expect(layoutOf(items, readLabelBoxes)).toBeNull();
  });

  it('is not trusted when a label box is not the first box of a body row (a header word in the column)', () => {
    const items = card(FULL, false).filter((item) => !item.text.startsWith('PROVINSI'));
    items.push(box('', 30, -2, 150), box('JAWA BARAT', 250, -2, 200));
    expect(layoutOf(items)).toBeNull();
  });

  it('is not trusted without a NIK line', () => {
    const rows = FULL.map(([label, value]): Row => (label === 'NIK' ? [label, ':3205 05'] : [label, value]));
    expect(layoutOf(card(rows, false))).toBeNull();
  });
});
