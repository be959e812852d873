import { ErrorCode } from '@mediq/contracts';
import type { Language } from './index';

/**
 * What a person reads for each error code the API answers with, in both languages. `{name}` is
 * filled from the error's `details` (a field, a retry time); a missing detail is left out of the
 * sentence rather than shown as a placeholder. The type requires a text for every code, so a new
 * code cannot reach a screen untranslated.
 */
export const ERROR_TEXTS: Record<ErrorCode, Record<Language, string>> = {
  [ErrorCode.VALIDATION_FAILED]: {
    id: 'Ada isian yang belum benar. Periksa kolom yang ditandai lalu coba lagi.',
    en: 'Some of the entries are not right. Check the marked fields and try again.',
  },
  [ErrorCode.INVALID_NIK]: {
    id: 'NIK tidak valid. Periksa 16 angka NIK sesuai KTP.',
    en: 'The NIK is not valid. Check the 16 digits against the KTP.',
  },
  [ErrorCode.NIK_REGISTERED_TO_ANOTHER_PERSON]: {
    id: 'NIK ini sudah terdaftar atas nama orang lain. Bandingkan NIK dengan KTP Anda dan perbaiki, atau hubungi petugas pendaftaran.',
    en: 'This NIK is registered to another person. Compare the NIK with your KTP and correct it, or go to the front desk.',
  },
  [ErrorCode.WEAK_PASSWORD]: {
    id: 'Kata sandi minimal {minLength} karakter dan tidak boleh mudah ditebak: hindari kata sandi umum, nama, e-mail, atau nama faskes. Gunakan beberapa kata yang tidak berhubungan.',
    en: 'The password needs at least {minLength} characters and must not be easy to guess: avoid common passwords, names, the e-mail or the facility name. Use several unrelated words.',
  },
  [ErrorCode.PASSWORD_CHANGE_REQUIRED]: {
    id: 'Kata sandi ini hanya untuk sekali pakai dari admin. Buat kata sandi baru Anda sendiri untuk masuk.',
    en: 'This is a one-time password from your administrator. Choose your own new password to sign in.',
  },
  [ErrorCode.UNAUTHENTICATED]: {
    id: 'Silakan masuk terlebih dahulu.',
    en: 'Please sign in first.',
  },
  [ErrorCode.INVALID_CREDENTIALS]: {
    id: 'Data masuk tidak cocok. Periksa kembali lalu coba lagi.',
    en: 'The sign-in details do not match. Check them and try again.',
  },
  [ErrorCode.TOKEN_INVALID]: {
    id: 'Sesi Anda tidak berlaku lagi. Silakan masuk kembali.',
    en: 'Your session is no longer valid. Please sign in again.',
  },
  [ErrorCode.SESSION_ENDED]: {
    id: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
    en: 'Your session has ended. Please sign in again.',
  },
  [ErrorCode.FOLLOW_LINK_EXPIRED]: {
    id: 'Tautan antrean ini sudah tidak berlaku (antrean selesai atau sudah lewat hari). Masuk dengan NIK untuk melihat antrean Anda.',
    en: 'This queue link no longer works (the ticket has ended or its day is over). Sign in with your NIK to see your tickets.',
  },
  [ErrorCode.FORBIDDEN]: {
    id: 'Anda tidak memiliki izin untuk tindakan ini.',
    en: 'You are not allowed to do this.',
  },
  [ErrorCode.NOT_FOUND]: {
    id: 'Data tidak ditemukan.',
    en: 'This could not be found.',
  },
  [ErrorCode.CONFLICT]: {
    id: 'Data ini sudah ada atau sedang diubah orang lain. Muat ulang lalu coba lagi.',
    en: 'This already exists or is being changed by someone else. Reload and try again.',
  },
  [ErrorCode.INVALID_TRANSITION]: {
    id: 'Tindakan ini tidak dapat dilakukan pada status antrean saat ini.',
    en: 'This action is not possible in the ticket\'s current state.',
  },
  [ErrorCode.TICKET_ALREADY_HANDLED]: {
    id: 'Antrean ini sudah ditangani petugas lain. Daftar telah dimuat ulang.',
    en: 'Another operator has already handled this ticket. The list was reloaded.',
  },
  [ErrorCode.OPERATOR_BUSY]: {
    id: 'Anda masih melayani {displayNumber}. Selesaikan, tandai tidak hadir, atau pindahkan pasien itu sebelum memanggil berikutnya.',
    en: 'You are still serving {displayNumber}. Finish, mark as no-show or transfer that patient before calling the next one.',
  },
  [ErrorCode.UNPROCESSABLE]: {
    id: 'Permintaan ini tidak dapat diproses. Periksa data lalu coba lagi, atau hubungi petugas.',
    en: 'This request cannot be processed. Check the data and try again, or ask staff.',
  },
  [ErrorCode.SERVICE_CLOSED]: {
    id: 'Layanan ini sedang tutup. Silakan pilih layanan lain atau datang pada jam buka.',
    en: 'This service is closed now. Choose another one or come back during opening hours.',
  },
  [ErrorCode.QUOTA_EXCEEDED]: {
    id: 'Kuota antrean layanan ini untuk hari ini sudah penuh. Silakan pilih layanan lain atau datang besok.',
    en: 'This service has issued all of today\'s tickets. Choose another service or come back tomorrow.',
  },
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: {
    id: 'Jenis berkas tidak didukung. Gunakan foto JPEG, PNG atau WebP.',
    en: 'Unsupported file type. Use a JPEG, PNG or WebP photo.',
  },
  [ErrorCode.PAYLOAD_TOO_LARGE]: {
    id: 'Berkas atau data terlalu besar.',
    en: 'The file or data is too large.',
  },
  [ErrorCode.TOO_MANY_REQUESTS]: {
    id: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
    en: 'Too many requests. Wait a moment and try again.',
  },
  [ErrorCode.ACCOUNT_DISABLED]: {
    id: 'Akun ini dinonaktifkan oleh admin faskes. Hubungi admin untuk mengaktifkannya kembali.',
    en: 'This account was disabled by the facility administrator. Ask them to enable it again.',
  },
  [ErrorCode.LOCKED_OUT]: {
    id: 'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {retryAfterSeconds} detik.',
    en: 'Too many failed sign-ins. Try again in {retryAfterSeconds} seconds.',
  },
  [ErrorCode.SERVICE_UNAVAILABLE]: {
    id: 'Sistem sedang sibuk atau dalam pemulihan. Data Anda aman; coba lagi sebentar lagi.',
    en: 'The system is busy or recovering. Your data is safe; try again in a moment.',
  },
  [ErrorCode.TIMEOUT]: {
    id: 'Sistem terlambat menjawab. Coba lagi sebentar lagi.',
    en: 'The system took too long to answer. Try again in a moment.',
  },
  [ErrorCode.INTERNAL]: {
    id: 'Terjadi kesalahan pada sistem. Coba lagi; bila berulang, hubungi petugas dengan kode {requestId}.',
    en: 'Something went wrong on our side. Try again; if it repeats, tell staff the code {requestId}.',
  },
};

export interface ErrorFacts {
  code?: string;
  message: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** The text of an API error in `language`, or null when its code is unknown to this app version. */
export function errorTextFor(language: Language, error: ErrorFacts): string | null {
  const texts = error.code ? ERROR_TEXTS[error.code as ErrorCode] : undefined;
  if (!texts) return null;
  const vars: Record<string, unknown> = { ...error.details, requestId: error.requestId ?? '' };
  return texts[language]
    .replace(/\{(\w+)\}/g, (_, name: string) => (vars[name] === undefined || vars[name] === null ? '' : String(vars[name])))
    .replace(/\s+([.,;:])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
