import type { KtpFieldKey, OcrWarning, OcrWarningCode } from '@mediq/contracts';
import type { Language } from '../../i18n';

/**
 * What each OCR warning asks the patient to do, in Indonesian and English, shown next to its field
 * (or above the form when it concerns the whole photo). The engine's own English messages are for
 * logs and staff; these are for the person at the kiosk.
 */
export const OCR_WARNING_TEXT: Readonly<Record<OcrWarningCode, Record<Language, string>>> = {
  DETECTOR_FALLBACK: { id: 'Kartu tidak terlihat jelas di foto; periksa semua isian.', en: 'The card was hard to find in the photo; please check every field.' },
  BLURRY: { id: 'Foto buram; periksa isian yang ditandai.', en: 'The photo is blurry; please check the highlighted fields.' },
  GLARE: { id: 'Ada pantulan cahaya di kartu; periksa isian yang ditandai.', en: 'Glare on the card; please check the highlighted fields.' },
  CARD_CUT_OFF: { id: 'Sebagian tulisan kartu terpotong di tepi foto.', en: 'Some of the card text runs past the edge of the photo.' },
  CARD_MOSTLY_UNREAD: {
    id: 'Sebagian besar kartu tidak terbaca. Sebaiknya foto ulang: seluruh kartu di dalam bingkai, rata, tidak bergerak, tanpa pantulan cahaya.',
    en: 'Most of the card could not be read. Better retake the photo: the whole card inside the frame, flat, steady, without glare.',
  },
  CARD_ROTATED: { id: 'Kartu difoto miring atau terbalik; sudah diputar untuk dibaca.', en: 'The card was photographed sideways or upside down; it was turned for reading.' },
  FIELD_MISSING: { id: 'Tidak terbaca; mohon isi sesuai kartu.', en: 'Could not be read; please type it as on the card.' },
  NIK_INVALID: { id: 'NIK tidak valid; samakan dengan kartu.', en: 'This NIK is not valid; please compare it with the card.' },
  NIK_UNCERTAIN: { id: 'NIK mungkin salah baca; cocokkan setiap angka dengan kartu.', en: 'The NIK may be misread; compare each digit with the card.' },
  NIK_BIRTH_DATE_MISMATCH: {
    id: 'Tanggal lahir di NIK berbeda dengan tanggal lahir tercetak. Ini bisa benar; periksa keduanya.',
    en: 'The birth date in the NIK differs from the printed one. This can be genuine; please check both.',
  },
  NIK_GENDER_MISMATCH: { id: 'Jenis kelamin di NIK berbeda dengan yang tercetak; periksa keduanya.', en: 'The sex in the NIK differs from the printed one; please check both.' },
  REGION_SUGGESTED: { id: 'Tidak terbaca; saran dari NIK, periksa dengan kartu.', en: 'Could not be read; suggested from the NIK, please check it against the card.' },
  REGION_MISMATCH: { id: 'Tidak sesuai dengan kode wilayah NIK; periksa dengan kartu.', en: "Does not match the NIK's region code; please check it against the card." },
  REGION_UNKNOWN: { id: 'Kode wilayah NIK tidak dikenal; periksa NIK dan wilayah.', en: "The NIK's region code is not known; please check the NIK and the region." },
  NOT_A_KTP: { id: 'Ini bukan KTP. Silakan foto KTP Anda.', en: 'This is not a KTP. Please photograph your KTP.' },
};

/** The texts of the warnings about one field (or, with `field` undefined, about the whole photo), without repeats. */
export function warningTexts(warnings: readonly OcrWarning[], field: KtpFieldKey | undefined, language: Language): string[] {
  return [...new Set(warnings.filter((w) => w.field === field).map((w) => OCR_WARNING_TEXT[w.code][language]))];
}
