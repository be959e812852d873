import { Actor } from '@mediq/contracts';
import { canAdministerInstitution, canManage, canRead, canUpdate, ScopedUser } from './access-policy';

const patient: ScopedUser = { id: 'p1', role: 'PASIEN', institutionId: 'A' };
const otherPatient: ScopedUser = { id: 'p2', role: 'PASIEN', institutionId: 'B' };
const operatorA: ScopedUser = { id: 'o1', role: 'OPERATOR', institutionId: 'A' };
const operatorB: ScopedUser = { id: 'o2', role: 'OPERATOR', institutionId: 'B' };

const asPatient: Actor = { kind: 'user', userId: 'p1', role: 'PASIEN' };
const asOperatorA: Actor = { kind: 'user', userId: 'o1', role: 'OPERATOR', institutionId: 'A' };
const asAdminA: Actor = { kind: 'user', userId: 'a1', role: 'ADMIN_FASKES', institutionId: 'A' };
const asKiosk: Actor = { kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'A' };
const asSystem: Actor = { kind: 'system' };

describe('access policy', () => {
  it('lets a patient read and change only their own record', () => {
    expect(canRead(asPatient, patient)).toBe(true);
    expect(canUpdate(asPatient, patient)).toBe(true);
    expect(canRead(asPatient, otherPatient)).toBe(false);
    expect(canUpdate(asPatient, otherPatient)).toBe(false);
    expect(canRead(asPatient, operatorA)).toBe(false);
    expect(canManage(asPatient, patient)).toBe(false);
  });

  it('lets staff read any patient but only the staff of their own institution', () => {
    expect(canRead(asOperatorA, otherPatient)).toBe(true);
    expect(canRead(asOperatorA, operatorA)).toBe(true);
    expect(canRead(asOperatorA, operatorB)).toBe(false);
    expect(canRead(asAdminA, operatorB)).toBe(false);
  });

  it('lets an operator change only themselves, an admin anyone of their institution', () => {
    expect(canUpdate(asOperatorA, patient)).toBe(false);
    expect(canUpdate(asOperatorA, operatorA)).toBe(true);
    expect(canUpdate(asAdminA, patient)).toBe(true);
    expect(canUpdate(asAdminA, operatorA)).toBe(true);
    expect(canUpdate(asAdminA, operatorB)).toBe(false);
    expect(canUpdate(asAdminA, otherPatient)).toBe(false);
  });

  it('lets an admin manage others of their institution, never themselves', () => {
    expect(canManage(asAdminA, operatorA)).toBe(true);
    expect(canManage(asAdminA, operatorB)).toBe(false);
    expect(canManage(asAdminA, { id: 'a1', role: 'ADMIN_FASKES', institutionId: 'A' })).toBe(false);
    expect(canManage(asOperatorA, patient)).toBe(false);
  });

  it('gives kiosks no access to records and the system all', () => {
    expect(canRead(asKiosk, patient)).toBe(false);
    expect(canUpdate(asKiosk, patient)).toBe(false);
    expect(canRead(asSystem, operatorB)).toBe(true);
    expect(canManage(asSystem, operatorB)).toBe(true);
  });

  it('lets only the institution admin (or the system) administer an institution', () => {
    expect(canAdministerInstitution(asAdminA, 'A')).toBe(true);
    expect(canAdministerInstitution(asAdminA, 'B')).toBe(false);
    expect(canAdministerInstitution(asOperatorA, 'A')).toBe(false);
    expect(canAdministerInstitution(asKiosk, 'A')).toBe(false);
    expect(canAdministerInstitution(asSystem, 'B')).toBe(true);
  });
});
