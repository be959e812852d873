import { DomainError } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';
import { assertCanCreateInstitution, assertCanManageInstitution } from './access-policy';

function codeOf(run: () => void): ErrorCode | 'allowed' {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return (error as DomainError).code;
  }
}

const system: Actor = { kind: 'system' };
const platformAdmin: Actor = { kind: 'user', userId: 'u1', role: 'ADMIN_FASKES' };
const ownAdmin: Actor = { kind: 'user', userId: 'u2', role: 'ADMIN_FASKES', institutionId: 'inst-1' };
const otherAdmin: Actor = { kind: 'user', userId: 'u3', role: 'ADMIN_FASKES', institutionId: 'inst-2' };
const operator: Actor = { kind: 'user', userId: 'u4', role: 'OPERATOR', institutionId: 'inst-1' };
const kiosk: Actor = { kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'inst-1' };
const anonymous: Actor = { kind: 'anonymous' };

describe('institution access policy', () => {
  it.each([
    ['system', system, 'allowed'],
    ['platform admin', platformAdmin, 'allowed'],
    ['facility admin', ownAdmin, ErrorCode.FORBIDDEN],
    ['operator', operator, ErrorCode.FORBIDDEN],
    ['kiosk', kiosk, ErrorCode.FORBIDDEN],
    ['anonymous', anonymous, ErrorCode.UNAUTHENTICATED],
  ])('creating an institution as %s: %s', (_, actor, expected) => {
    expect(codeOf(() => assertCanCreateInstitution(actor))).toBe(expected);
  });

  it.each([
    ['system', system, 'allowed'],
    ['platform admin', platformAdmin, 'allowed'],
    ['its own admin', ownAdmin, 'allowed'],
    ['another institution admin', otherAdmin, ErrorCode.FORBIDDEN],
    ['its operator', operator, ErrorCode.FORBIDDEN],
    ['its kiosk', kiosk, ErrorCode.FORBIDDEN],
    ['anonymous', anonymous, ErrorCode.UNAUTHENTICATED],
  ])('managing institution inst-1 as %s: %s', (_, actor, expected) => {
    expect(codeOf(() => assertCanManageInstitution(actor, 'inst-1'))).toBe(expected);
  });
});
