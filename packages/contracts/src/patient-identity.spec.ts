import { nameMatchKey, sameName } from './patient-identity';

describe('the name comparison of sign-in and registration', () => {
  it('ignores case, punctuation and word spaces, inserted or dropped', () => {
    expect(sameName('MUHAM MAD ILHAM', 'Muhammad Ilham')).toBe(true);
    expect(sameName('SITINURJANAH', 'SITI NURJANAH')).toBe(true);
    expect(sameName('  Riyanto.  se ', 'RIYANTO. SE')).toBe(true);
    expect(sameName("Ma'ruf Amin", 'MARUF AMIN')).toBe(true);
    expect(nameMatchKey('siti-nur,aisyah')).toBe('SITINURAISYAH');
  });

  it('keeps different letters different, and nothing looser', () => {
    expect(sameName('BUDI SANTOSO', 'BUDI SANTOSA')).toBe(false);
    expect(sameName('MUHAMMAD ILHAM', 'MUHAMAD ILHAM')).toBe(false);
    expect(sameName('SITI AISYAH', 'SITI AISYAH BINTI ALI')).toBe(false);
  });

  it('never matches an empty or punctuation-only name', () => {
    expect(sameName('', '')).toBe(false);
    expect(sameName('...', '--')).toBe(false);
  });
});
