import { fieldsToCheck, probabilityRight } from './field-confidence';
import type { FieldEvidence } from './field-evidence';

const clear: FieldEvidence = { recogniser: 0.99, corrections: 0, inconsistent: false, nikMargin: 10, nikChanged: false, blurry: false, glare: false, length: 12, unknownValue: false };

describe('field confidence', () => {
  it('is lower for a doubtful reading than for a clear one, and lower still when a check fails', () => {
    const doubtful = probabilityRight('nama', { ...clear, recogniser: 0.7 });
    expect(doubtful).toBeLessThan(probabilityRight('nama', clear));
    expect(probabilityRight('nik', { ...clear, inconsistent: true, nikMargin: 0.5 })).toBeLessThan(probabilityRight('nik', clear));
  });

  it('flags unread, inconsistent and improbable fields, in the printed order', () => {
    const flagged = fieldsToCheck({ nik: 0.999, nama: 0.2, agama: 0.999 }, new Set(['agama'] as const), ['nik', 'nama', 'alamat', 'agama']);
    expect(flagged).toEqual(['nama', 'alamat', 'agama']);
  });
});
