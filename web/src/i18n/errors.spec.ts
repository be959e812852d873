import { ErrorCode } from '@mediq/contracts';
import { ERROR_TEXTS, errorTextFor } from './errors';

describe('error texts', () => {
  it('has an Indonesian and an English text for every error code', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(ERROR_TEXTS[code].id.length).toBeGreaterThan(10);
      expect(ERROR_TEXTS[code].en.length).toBeGreaterThan(10);
      expect(ERROR_TEXTS[code].id).not.toBe(ERROR_TEXTS[code].en);
    }
  });

  it('fills details into the text and never shows the English developer message', () => {
    const quota = { code: 'QUOTA_EXCEEDED', message: 'Poli Gigi has issued all 12 tickets for today' };
    expect(errorTextFor('id', quota)).toBe('Kuota antrean layanan ini untuk hari ini sudah penuh. Silakan pilih layanan lain atau datang besok.');
    expect(errorTextFor('id', { code: 'LOCKED_OUT', message: 'Locked', details: { retryAfterSeconds: 30 } })).toContain('dalam 30 detik');
  });

  it('drops a missing detail instead of showing a placeholder, and answers null for an unknown code', () => {
    expect(errorTextFor('en', { code: 'INTERNAL', message: 'x' })).toBe('Something went wrong on our side. Try again; if it repeats, tell staff the code.');
    expect(errorTextFor('id', { code: 'SOMETHING_NEW', message: 'x' })).toBeNull();
    expect(errorTextFor('id', { message: 'x' })).toBeNull();
  });
});
