/**
 * A facility admin sets up a new poli on the platform as `npm start` runs it: signs in, creates the
 * service, issues a kiosk key that a kiosk then uses to queue a patient there, revokes the key and
 * sees it refused, and creates an operator who signs in and calls that patient.
 *
 * The journey owns the service it creates: the other journeys use the seeded ones.
 */
import { randomUUID } from 'node:crypto';
import { CallNextReply, IssuedKioskKey, KioskKeyView, OpeningHours, ServiceView, UserView, WEEKDAYS } from '@mediq/contracts';
import type { KioskSessionView } from '../../gateway/src/web/kiosk-session.controller';
import {
  api,
  expectStatus,
  institutionId,
  kioskHeaders,
  registerPatient,
  signInSeededAdmin,
  signInStaff,
  SignedIn,
  takeTicket,
  testNik,
} from './support/journey';

/** Open around the clock, so the journey passes at any hour. */
const ALL_DAY: OpeningHours = Object.fromEntries(WEEKDAYS.map((day) => [day, [{ open: '00:00', close: '24:00' }]]));

describe('admin journey: a new service, a kiosk key issued and revoked, a new operator', () => {
  let admin: SignedIn;
  let service: ServiceView;
  let kioskKey: IssuedKioskKey;
  let queuedNumber: string;
  const newOperator = { role: 'OPERATOR', name: 'Operator Lansia', email: 'operator.lansia@pkm-demo.mediq.local', password: 'Lansia-Loket-2026!' };

  it('the admin signs in with e-mail and password (the seeded admin has no two-factor sign-in)', async () => {
    admin = await signInSeededAdmin();
    expect(admin.user).toMatchObject({ role: 'ADMIN_FASKES', institutionId, totpEnabled: false });
  });

  it('creates a service, which the public service list then shows', async () => {
    const created = await api<ServiceView>('POST', `/institutions/${institutionId}/services`, {
      headers: admin.headers,
      body: { code: 'L', name: 'Poli Lansia', description: 'Pemeriksaan lansia', dailyQuota: 40, averageServiceMinutes: 12, openingHours: ALL_DAY },
    });
    service = expectStatus(created, 201);
    expect(service).toMatchObject({ institutionId, code: 'L', name: 'Poli Lansia', dailyQuota: 40, averageServiceMinutes: 12, active: true });

    const listed = expectStatus(await api<ServiceView[]>('GET', `/institutions/${institutionId}/services`), 200);
    expect(listed.map((candidate) => candidate.id)).toContain(service.id);
  });

  it('issues a kiosk key, and a kiosk with it queues a patient for the new service', async () => {
    kioskKey = expectStatus(await api<IssuedKioskKey>('POST', '/kiosk-keys', { headers: admin.headers, body: { label: 'Kiosk lobi lansia' } }), 201);
    expect(kioskKey).toMatchObject({ institutionId, label: 'Kiosk lobi lansia', revokedAt: null });
    expect(kioskKey.key.startsWith(kioskKey.prefix)).toBe(true);

    const kiosk = kioskHeaders(kioskKey.key);
    expect(expectStatus(await api<KioskSessionView>('GET', '/kiosk/session', { headers: kiosk }), 200)).toEqual({ kioskKeyId: kioskKey.id, institutionId });
    // The birth year keeps this journey's NIKs apart from the other journeys', which run at the same time.
    const patient = await registerPatient(kiosk, { nik: testNik({ year: 1950 }), name: 'PASIEN LANSIA' });
    const ticket = await takeTicket(kiosk, patient.id, service.id);
    expect(ticket).toMatchObject({ serviceId: service.id, status: 'WAITING', source: 'KIOSK', ahead: 0 });
    expect(ticket.displayNumber).toMatch(/^L-\d{3}$/);
    queuedNumber = ticket.displayNumber;
  });

  it('revokes the key: the kiosk is refused with 401 from then on, the other kiosks are not', async () => {
    const revoked = expectStatus(await api<KioskKeyView>('DELETE', `/kiosk-keys/${kioskKey.id}`, { headers: admin.headers }), 200);
    expect(revoked.revokedAt).toEqual(expect.any(String));
    const keys = expectStatus(await api<KioskKeyView[]>('GET', '/kiosk-keys', { headers: admin.headers }), 200);
    expect(keys.find((key) => key.id === kioskKey.id)?.revokedAt).toBe(revoked.revokedAt);

    const kiosk = kioskHeaders(kioskKey.key);
    const session = await api('GET', '/kiosk/session', { headers: kiosk });
    expect(session.status).toBe(401);
    expect(session.body.message).toEqual(expect.any(String));
    const register = await api('POST', '/users', { headers: { ...kiosk, 'idempotency-key': randomUUID() }, body: { nik: testNik({ year: 1950 }), name: 'PASIEN TERLAMBAT' } });
    expect(register.status).toBe(401);

    expect((await api('GET', '/kiosk/session', { headers: kioskHeaders() })).status).toBe(200);
  });

  it('creates an operator, who signs in and calls the patient waiting at the new service', async () => {
    const created = expectStatus(await api<UserView>('POST', '/users/staff', { headers: { ...admin.headers, 'idempotency-key': randomUUID() }, body: newOperator }), 201);
    expect(created).toMatchObject({ role: 'OPERATOR', name: newOperator.name, email: newOperator.email, institutionId, nik: null });

    const operator = await signInStaff(newOperator.email, newOperator.password);
    expect(operator.user).toMatchObject({ id: created.id, role: 'OPERATOR', institutionId });
    const called = await api<CallNextReply>('POST', `/queue/institution/${institutionId}/next`, {
      headers: operator.headers,
      body: { serviceId: service.id, counter: 'Loket Lansia' },
    });
    expect(expectStatus(called, 200)).toEqual({ ticket: expect.objectContaining({ displayNumber: queuedNumber, status: 'CALLED', counter: 'Loket Lansia' }), waiting: 0 });
  });
});
