import { Actor, ErrorCode } from '@mediq/contracts';
import { DomainError } from '@mediq/common';
import { activeKey, assertMayAccessTicket, assertMayAdd, assertStaffOf, assertTransition, displayNumber, priorityRank } from './ticket-rules';

const ticket = (status: Parameters<typeof assertTransition>[0]['status']) => ({ status, displayNumber: 'A-001' });

function transitionError(from: Parameters<typeof assertTransition>[0]['status'], to: Parameters<typeof assertTransition>[1]) {
  try {
    assertTransition(ticket(from), to);
    return undefined;
  } catch (error) {
    return error as DomainError;
  }
}

describe('ticket rules', () => {
  it.each([
    ['WAITING', 'CALLED'],
    ['WAITING', 'CANCELLED'],
    ['WAITING', 'TRANSFERRED'],
    ['CALLED', 'IN_PROGRESS'],
    ['CALLED', 'WAITING'],
    ['CALLED', 'NO_SHOW'],
    ['CALLED', 'CANCELLED'],
    ['CALLED', 'TRANSFERRED'],
    ['IN_PROGRESS', 'COMPLETED'],
    ['IN_PROGRESS', 'TRANSFERRED'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(transitionError(from, to)).toBeUndefined();
  });

  it.each([
    ['WAITING', 'IN_PROGRESS'],
    ['WAITING', 'COMPLETED'],
    ['WAITING', 'NO_SHOW'],
    ['CALLED', 'COMPLETED'],
    ['IN_PROGRESS', 'WAITING'],
    ['IN_PROGRESS', 'CANCELLED'],
    ['COMPLETED', 'WAITING'],
    ['NO_SHOW', 'CALLED'],
    ['CANCELLED', 'WAITING'],
    ['TRANSFERRED', 'CALLED'],
  ] as const)('refuses %s -> %s with a 409 naming the current status', (from, to) => {
    const error = transitionError(from, to);
    expect(error?.code).toBe(ErrorCode.INVALID_TRANSITION);
    expect(error?.httpStatus).toBe(409);
    expect(error?.message).toContain(`is ${from}`);
    expect(error?.details).toEqual({ currentStatus: from, requestedStatus: to });
  });

  it('orders priorities URGENT, HIGH, NORMAL, LOW', () => {
    expect(['LOW', 'URGENT', 'NORMAL', 'HIGH'].sort((a, b) => priorityRank(a as never) - priorityRank(b as never))).toEqual([
      'URGENT',
      'HIGH',
      'NORMAL',
      'LOW',
    ]);
  });

  it('formats display numbers with three digits and keeps longer ones whole', () => {
    expect(displayNumber('A', 7)).toBe('A-007');
    expect(displayNumber('KIA', 1234)).toBe('KIA-1234');
  });

  it('keys the active ticket by patient, service and day', () => {
    expect(activeKey('p', 's', '2026-11-25')).toBe('p:s:2026-11-25');
  });

  describe('access', () => {
    const operator: Actor = { kind: 'user', userId: 'op', role: 'OPERATOR', institutionId: 'i1' };
    const patient: Actor = { kind: 'user', userId: 'p1', role: 'PASIEN' };
    const kiosk: Actor = { kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'i1' };

    it('lets staff act only in their own institution', () => {
      expect(() => assertStaffOf(operator, 'i1')).not.toThrow();
      expect(() => assertStaffOf(operator, 'i2')).toThrow('own institution');
      expect(() => assertStaffOf(patient, 'i1')).toThrow('Only staff');
      expect(() => assertStaffOf({ kind: 'system' }, 'i2')).not.toThrow();
    });

    it('lets a patient take and read only their own tickets', () => {
      expect(() => assertMayAdd(patient, { institutionId: 'i1', patientUserId: 'p1' })).not.toThrow();
      expect(() => assertMayAdd(patient, { institutionId: 'i1', patientUserId: 'p2' })).toThrow('for themself');
      expect(() => assertMayAccessTicket(patient, { institutionId: 'i1', patientUserId: 'p1' })).not.toThrow();
      expect(() => assertMayAccessTicket(patient, { institutionId: 'i1', patientUserId: 'p2' })).toThrow(DomainError);
    });

    it('lets a kiosk issue tickets for its institution only', () => {
      expect(() => assertMayAdd(kiosk, { institutionId: 'i1', patientUserId: 'p1' })).not.toThrow();
      expect(() => assertMayAdd(kiosk, { institutionId: 'i2', patientUserId: 'p1' })).toThrow(DomainError);
      expect(() => assertMayAdd({ kind: 'anonymous' }, { institutionId: 'i1', patientUserId: 'p1' })).toThrow(DomainError);
    });
  });
});
