import type { ParsedKtp } from './ktp-parser/ktp-parser';
import { readKtp } from './ktp-reading';
import type { DigitDistribution } from './nik-decoding/nik-joint-decoder';
import { RegionLookup } from './regions/region-lookup';

const read = (value: string, confidence = 0.97) => ({ value, confidence });

/** Digits read clearly, except `doubts` (position -> digit probabilities). */
function digits(nik: string, doubts: Record<number, Record<number, number>> = {}): DigitDistribution[] {
  return [...nik].map((d, i) => {
    const p = new Array<number>(10).fill(doubts[i] ? 1e-4 : 0.02 / 9);
    if (doubts[i]) for (const [digit, probability] of Object.entries(doubts[i])) p[Number(digit)] = probability;
    else p[Number(d)] = 0.98;
    return p;
  });
}

function parsed(fields: ParsedKtp['fields']): ParsedKtp {
  return { fields, labelsMatched: 12, labelsInferred: 0, hasProvinceHeader: true, hasSimCues: false };
}

describe('reading a KTP from its parsed text', () => {
  const regions = RegionLookup.load();
  const card = {
    provinsi: read('JAWA BARAT'),
    kabupatenKota: read('KABUPATEN GARUT'),
    nik: read('3205054112900001'),
    nama: read('SITI AMINAH'),
    tempatTanggalLahir: read('GARUT, 01-11-1990'),
    jenisKelamin: read('PEREMPUAN'),
    kecamatan: read('TAROGONG KIDUL'),
  };

  it('corrects a NIK digit the recogniser doubted when the printed birth date settles it', () => {
    const reading = readKtp(parsed(card), regions, { nikDigits: digits('3205054112900001', { 9: { 2: 0.6, 1: 0.35 } }), blurry: false, glare: false });
    expect(reading.fields.nik?.value).toBe('3205054111900001');
    expect(reading.warnings.map((w) => w.code)).not.toContain('NIK_BIRTH_DATE_MISMATCH');
  });

  it('reads a genuine card whose NIK date part disagrees with the printed birth date as printed, and asks to check it', () => {
    const genuine = { ...card, nik: read('3205054107000001'), tempatTanggalLahir: read('GARUT, 17-08-2000') };
    const reading = readKtp(parsed(genuine), regions, { nikDigits: digits('3205054107000001'), blurry: false, glare: false });
    expect(reading.fields.nik?.value).toBe('3205054107000001');
    expect(reading.fields.tanggalLahir?.value).toBe('2000-08-17');
    expect(reading.warnings).toContainEqual(expect.objectContaining({ code: 'NIK_BIRTH_DATE_MISMATCH', field: 'nik' }));
    expect(reading.fieldsToCheck).toContain('nik');
  });

  it('leaves out a separator fragment read as an extra NIK digit, and asks to check the NIK', () => {
    // `: 3205...` read as `13205...`: 17 digits, the first one clearly seen.
    const reading = readKtp(parsed({ ...card, nik: read('13205054111900001') }), regions, { nikDigits: digits('13205054111900001'), blurry: false, glare: false });
    expect(reading.fields.nik?.value).toBe('3205054111900001');
    expect(reading.warnings).toContainEqual(expect.objectContaining({ code: 'NIK_UNCERTAIN', field: 'nik' }));
    expect(reading.fieldsToCheck).toContain('nik');
    expect(reading.nikClear).toBe(false);
  });

  it('calls the NIK clear (no second reading needed) only when no other reading of its digits could change it', () => {
    const evidence = (nikDigits: DigitDistribution[]) => ({ nikDigits, blurry: false, glare: false });
    const sure = (nik: string) => digits(nik, Object.fromEntries([...nik].map((d, i) => [i, { [Number(d)]: 0.999 }])));
    expect(readKtp(parsed(card), regions, evidence(sure('3205054111900001'))).nikClear).toBe(true);
    // A digit changed from the recogniser's reading to agree with the card.
    expect(readKtp(parsed(card), regions, evidence(digits('3205054112900001', { 9: { 2: 0.6, 1: 0.35 } }))).nikClear).toBe(false);
    // A serial digit no check can settle.
    const serialInDoubt = sure('3205054111900001');
    serialInDoubt[15] = digits('3205054111900001', { 15: { 1: 0.6, 7: 0.4 } })[15];
    expect(readKtp(parsed(card), regions, evidence(serialInDoubt)).nikClear).toBe(false);
    // Clearly read, but failing a check of the card.
    expect(readKtp(parsed(card), regions, evidence(sure('3205054112900001'))).nikClear).toBe(false);
    expect(readKtp(parsed(card), regions, { nikDigits: null, blurry: false, glare: false }).nikClear).toBe(false);
  });

  it('repairs a birth year whose century was misread, and asks to check it; an impossible year it cannot repair is flagged', () => {
    const evidence = { nikDigits: digits('3205054111900001'), blurry: false, glare: false };
    const repaired = readKtp(parsed({ ...card, tempatTanggalLahir: read('GARUT, 01-11-1090') }), regions, evidence);
    expect(repaired.fields.tanggalLahir?.value).toBe('1990-11-01');
    expect(repaired.fieldsToCheck).toContain('tanggalLahir');
    expect(readKtp(parsed(card), regions, evidence).fieldsToCheck).not.toContain('tanggalLahir');

    // 1005: 1905 or 2005, one digit either way.
    const undecided = readKtp(parsed({ ...card, tempatTanggalLahir: read('GARUT, 01-11-1005') }), regions, evidence);
    expect(undecided.fields.tanggalLahir?.value).toBe('1005-11-01');
    expect(undecided.fieldEvidence.tanggalLahir?.unknownValue).toBe(true);
    expect(undecided.fieldsToCheck).toContain('tanggalLahir');
  });

  it('asks for a new photo when much of the card went unread, and not for a field or two', () => {
    const evidence = { nikDigits: digits('3205054111900001'), blurry: false, glare: false };
    const codes = (fields: ParsedKtp['fields']) => readKtp(parsed(fields), regions, evidence).warnings.map((w) => w.code);
    const full = {
      ...card,
      golonganDarah: read('O'),
      alamat: read('JL. MERDEKA NO. 5'),
      rtRw: read('001/002'),
      kelurahanDesa: read('TARAGONG'),
      agama: read('ISLAM'),
      statusPerkawinan: read('KAWIN'),
      pekerjaan: read('KARYAWAN SWASTA'),
      kewarganegaraan: read('WNI'),
      berlakuHingga: read('SEUMUR HIDUP'),
    };
    expect(codes(full)).not.toContain('CARD_MOSTLY_UNREAD');
    const { agama: _a, statusPerkawinan: _s, pekerjaan: _p, kewarganegaraan: _k, ...fourUnread } = full;
    expect(codes(fourUnread)).not.toContain('CARD_MOSTLY_UNREAD');
    const { berlakuHingga: _b, ...fiveUnread } = fourUnread;
    expect(codes(fiveUnread)).toContain('CARD_MOSTLY_UNREAD');
    expect(codes(fiveUnread).filter((code) => code === 'FIELD_MISSING')).toHaveLength(5);
  });

  it('offers the NIK region for a field the card did not show, without filling it, and lists it to check', () => {
    const { kecamatan: _unread, ...withoutKecamatan } = card;
    const reading = readKtp(parsed(withoutKecamatan), regions, { nikDigits: null, blurry: false, glare: false });
    expect(reading.fields.kecamatan).toBeUndefined();
    expect(reading.suggestions.kecamatan).toBe('TAROGONG KIDUL');
    expect(reading.fieldsToCheck).toContain('kecamatan');
    expect(reading.warnings.filter((w) => w.field === 'kecamatan').map((w) => w.code)).toEqual(['REGION_SUGGESTED']);
  });
});
