import { DomainError } from '@mediq/common';
import { profileData } from './user-fields';

const problemsOf = (input: Parameters<typeof profileData>[0]): Record<string, string> | undefined => {
  try {
    profileData(input);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).details?.fields as Record<string, string>;
  }
};

describe('profileData', () => {
  it('keeps ordinary KTP values and a multi-line address', () => {
    expect(profileData({ name: '  SITI NURJANAH ', address: 'JL. IMAM BONJOL 1\nKP. CIOJAR', birthDate: '2024-02-29' })).toMatchObject({
      name: 'SITI NURJANAH',
      address: 'JL. IMAM BONJOL 1\nKP. CIOJAR',
      birthDate: new Date('2024-02-29T00:00:00.000Z'),
    });
  });

  it('refuses impossible birth dates', () => {
    expect(problemsOf({ birthDate: '2026-02-31' })).toEqual({ birthDate: 'must be a real date written YYYY-MM-DD' });
    expect(problemsOf({ birthDate: '9999-99-99' })).toEqual({ birthDate: 'must be a real date written YYYY-MM-DD' });
  });

  it('refuses control and direction-override characters, naming every field', () => {
    expect(problemsOf({ name: 'SITI \u202EHANAJRUN', kelurahan: 'MENTENG\u0000', address: 'JL. A\n\u2067B' })).toEqual({
      name: 'must not contain control or invisible formatting characters',
      kelurahan: 'must not contain control or invisible formatting characters',
      address: 'must not contain control or invisible formatting characters',
    });
    expect(problemsOf({ name: 'SITI\nNURJANAH' })).toEqual({ name: 'must not contain control or invisible formatting characters' });
  });
});
