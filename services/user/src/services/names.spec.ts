import { nameKey } from './names';

describe('nameKey', () => {
  it('ignores case, repeated spaces and punctuation', () => {
    expect(nameKey('  Riyanto.  se ')).toBe('RIYANTO SE');
    expect(nameKey('RIYANTO. SE')).toBe('RIYANTO SE');
    expect(nameKey("Ma'ruf Amin")).toBe(nameKey('MARUF AMIN'));
    expect(nameKey('siti-nur,aisyah')).toBe('SITI NUR AISYAH');
  });

  it('keeps different letters different', () => {
    expect(nameKey('BUDI SANTOSO')).not.toBe(nameKey('BUDI SANTOSA'));
    expect(nameKey('ANA SARI')).not.toBe(nameKey('ANASARI'));
  });
});
