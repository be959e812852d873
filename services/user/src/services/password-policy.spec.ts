import { DomainError } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { assertStrongPassword } from './password-policy';

const owner = { email: 'budi.santoso@pkm-menteng.test', name: 'Budi Santoso', institution: 'Puskesmas Kecamatan Menteng' };

function refusal(password: string): DomainError | null {
  try {
    assertStrongPassword(password, owner);
    return null;
  } catch (error) {
    return error as DomainError;
  }
}

describe('assertStrongPassword', () => {
  it.each(['Admin-Demo-2026!', 'Operator-Demo-2026!', 'correct-horse-battery', 'Kuda lari cepat sekali 91'])('accepts %s', (password) => {
    expect(refusal(password)).toBeNull();
  });

  it('refuses fewer than 12 characters, saying so', () => {
    expect(refusal('Xk7#pQ2!zL9')).toMatchObject({ code: ErrorCode.WEAK_PASSWORD, details: { rule: 'length', minLength: 12, maxLength: 128 } });
  });

  it.each([
    ['a common password', 'password1234', 'similarToCommon'],
    ['a keyboard walk', 'qwertyuiop12', 'similarToCommon'],
    ["the owner's name", 'budisantoso1990', 'userInputs'],
    ['the institution', 'Puskesmas2026', 'userInputs'],
  ])('refuses %s, with the reason', (_label, password, warning) => {
    const refused = refusal(password);
    expect(refused).toMatchObject({ code: ErrorCode.WEAK_PASSWORD, details: { rule: 'guessable', minLength: 12, warning } });
    expect((refused!.details as { score: number }).score).toBeLessThan(3);
    expect(JSON.stringify(refused)).not.toContain(password);
  });
});
