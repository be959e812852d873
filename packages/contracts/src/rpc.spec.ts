import { Actor, isStaffActor } from './rpc';

describe('isStaffActor', () => {
  it.each<[string, Actor, boolean]>([
    ['an operator', { kind: 'user', userId: 'u', role: 'OPERATOR', institutionId: 'i' }, true],
    ['a facility admin', { kind: 'user', userId: 'u', role: 'ADMIN_FASKES', institutionId: 'i' }, true],
    ['a patient', { kind: 'user', userId: 'u', role: 'PASIEN' }, false],
    ['a user without a role', { kind: 'user', userId: 'u' }, false],
    ['a kiosk', { kind: 'kiosk', kioskKeyId: 'k', institutionId: 'i' }, false],
    ['the system', { kind: 'system' }, false],
    ['nobody', { kind: 'anonymous' }, false],
  ])('%s: %s', (_label, actor, expected) => {
    expect(isStaffActor(actor)).toBe(expected);
  });
});
