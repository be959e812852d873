import type { OcrWarning } from '@mediq/contracts';
import { warningTexts } from './ocr-warnings';

describe('OCR warning texts', () => {
  const warnings: OcrWarning[] = [
    { code: 'NIK_BIRTH_DATE_MISMATCH', field: 'nik', message: 'x' },
    { code: 'NIK_UNCERTAIN', field: 'nik', message: 'x' },
    { code: 'BLURRY', message: 'x' },
    { code: 'REGION_SUGGESTED', field: 'kecamatan', message: 'x' },
  ];

  it('gives the texts of one field in the kiosk language', () => {
    expect(warningTexts(warnings, 'nik', 'id')).toEqual([
      'Tanggal lahir di NIK berbeda dengan tanggal lahir tercetak. Ini bisa benar; periksa keduanya.',
      'NIK mungkin salah baca; cocokkan setiap angka dengan kartu.',
    ]);
    expect(warningTexts(warnings, 'kecamatan', 'en')).toEqual(['Could not be read; suggested from the NIK, please check it against the card.']);
  });

  it('keeps warnings about the whole photo apart from the fields', () => {
    expect(warningTexts(warnings, undefined, 'en')).toEqual(['The photo is blurry; please check the highlighted fields.']);
    expect(warningTexts(warnings, 'nama', 'id')).toEqual([]);
  });
});
