import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt, randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import {
  ConfirmScanReply,
  FollowedTicketEvent,
  FollowedTicketView,
  LoginReply,
  PatientHistoryEntry,
  PatientRecordView,
  ScanView,
  ServiceView,
  UserView,
} from '@mediq/contracts';
import { authHeaders } from '../../../gateway/test/support/auth';
import { InProcessPlatform, seedFacility } from '../../../test/support/in-process-platform';

/**
 * Issue #17, "patient identity is safe at the kiosk", on the real stack (gateway, services, ONNX
 * engine, MariaDB, RabbitMQ, Redis): a registered NIK is never taken over by a card with another
 * name; the same person under another spelling is found, their contact fields refreshed and their
 * differing identity fields flagged for staff; identity changes only by a staff correction with a
 * reason; the printed ticket carries a follow link (never an account); staff see only patients of
 * their institution, and each read of the NIK is recorded.
 *
 * The tests run in order and share patient A (registered in beforeAll): 2 raises the flag 4 resolves.
 * Besides the cases of the issue, a few edges: two kiosks racing with one NIK and two names, several
 * kiosks confirming the same person at once (one flag, one change), a follow token in another letter
 * case, a confirmed typed entry replayed by another institution's kiosk, and an administrator's
 * patient list (which shows NIKs, so it must be recorded like any other staff read of a NIK).
 */
const FIXTURES = join(__dirname, '../../ocr-engine/test/fixtures/cards');
const photo = (name: string) => readFileSync(join(FIXTURES, name));
const truth = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name.replace(/\.\w+$/, '.json')), 'utf8')).fields as Record<string, string>;
const KIOSK_KEY = `patient-identity-test-key-${randomUUID()}`;
const OTHER_KIOSK_KEY = `patient-identity-other-key-${randomUUID()}`;
/** Events travel outbox -> RabbitMQ -> gateway -> socket; a bound for a loaded machine, not an assertion. */
const EVENT_WAIT_MS = 30_000;

jest.setTimeout(180_000);

type Fields = Record<string, string>;
interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  requestId: string;
  details?: unknown;
}

/** A valid NIK of West Java (32 04 12) for the date and sex; a random serial keeps each one unique. */
const usedSerials = new Set<string>();
function nikFor(isoDate: string, sex: 'MALE' | 'FEMALE'): string {
  const [year, month, day] = isoDate.split('-');
  const dd = String(Number(day) + (sex === 'FEMALE' ? 40 : 0)).padStart(2, '0');
  let serial: string;
  do serial = String(randomInt(1, 10_000)).padStart(4, '0');
  while (usedSerials.has(serial));
  usedSerials.add(serial);
  return `320412${dd}${month}${year.slice(2)}${serial}`;
}

/** The KTP as the kiosk screen sends it (printed labels, DD-MM-YYYY dates). */
function card(person: { nik: string; nama: string; birthDate: string; sex: 'MALE' | 'FEMALE'; birthPlace: string; alamat: string }): Fields {
  const [y, m, d] = person.birthDate.split('-');
  return {
    nik: person.nik,
    nama: person.nama,
    provinsi: 'JAWA BARAT',
    kabupatenKota: 'KABUPATEN BANDUNG',
    tempatLahir: person.birthPlace,
    tanggalLahir: `${d}-${m}-${y}`,
    jenisKelamin: person.sex === 'FEMALE' ? 'PEREMPUAN' : 'LAKI-LAKI',
    golonganDarah: 'O',
    alamat: person.alamat,
    rtRw: '001/002',
    kelurahanDesa: 'SUKAMAJU',
    kecamatan: 'MARGAHAYU',
    agama: 'ISLAM',
    statusPerkawinan: 'KAWIN',
    pekerjaan: 'WIRASWASTA',
    kewarganegaraan: 'WNI',
    berlakuHingga: 'SEUMUR HIDUP',
  };
}

const A = {
  nik: nikFor('1990-08-17', 'FEMALE'),
  nama: 'SITI NURJANAH',
  birthDate: '1990-08-17',
  sex: 'FEMALE' as const,
  birthPlace: 'BANDUNG',
  alamat: 'KP. CIOJAR NO. 7',
};
/** Someone else holding a card that shows A's NIK (a misread or mistyped NIK, or an attempt to take A over). */
const IMPOSTOR = { nama: 'BUDI SANTOSO', birthDate: '1985-03-02', sex: 'MALE' as const, birthPlace: 'GARUT', alamat: 'JL. MERDEKA NO. 99' };

describe('patient identity is safe at the kiosk (#17)', () => {
  let platform: InProcessPlatform;
  let institutionId: string;
  let services: ServiceView[];
  let otherInstitutionId: string;
  let otherServices: ServiceView[];
  const patientARequestId = randomUUID();
  let operator: { userId: string; role: 'OPERATOR'; institutionId: string };
  let admin: { userId: string; role: 'ADMIN_FASKES'; institutionId: string };
  let otherOperator: { userId: string; role: 'OPERATOR'; institutionId: string };
  let patientA: ConfirmScanReply;
  const sockets: Socket[] = [];

  const kiosk = { 'x-api-key': KIOSK_KEY };
  const api = (path: string, init: RequestInit = {}) => fetch(`${platform.url}/api${path}`, init);
  const send = (method: string, body: unknown, headers: Record<string, string>): RequestInit => ({
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const staff = () => authHeaders(operator);
  const otherStaff = () => authHeaders(otherOperator);

  /** A card typed at the kiosk (or by staff): POST /ocr/confirm with a requestId instead of a scanId. */
  const confirmTyped = (fields: Fields, options: { requestId?: string; serviceId?: string; headers?: Record<string, string> } = {}) =>
    api(
      '/ocr/confirm',
      send('POST', { requestId: options.requestId ?? randomUUID(), fields, institutionId, serviceId: options.serviceId ?? services[0].id }, options.headers ?? kiosk),
    );
  const confirmOk = async (response: Response): Promise<ConfirmScanReply> => {
    const body = await response.text();
    expect({ status: response.status, body }).toMatchObject({ status: 201 });
    return JSON.parse(body) as ConfirmScanReply;
  };
  const login = (nik: string, name: string) => api('/auth/login/user', send('POST', { nik, name }, {}));
  const loginOk = async (nik: string, name: string): Promise<LoginReply> => {
    const response = await login(nik, name);
    const body = await response.text();
    expect({ status: response.status, body }).toMatchObject({ status: 200 });
    return JSON.parse(body) as LoginReply;
  };
  const readAsStaff = async (id: string, headers = staff()): Promise<UserView> => {
    const response = await api(`/users/${id}`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as UserView;
  };
  const record = async (id: string): Promise<PatientRecordView> => {
    const response = await api(`/users/${id}/record`, { headers: staff() });
    const body = await response.text();
    expect({ status: response.status, body }).toMatchObject({ status: 200 });
    return JSON.parse(body) as PatientRecordView;
  };
  const upload = async (name: string): Promise<ScanView> => {
    const form = new FormData();
    form.append('file', new Blob([photo(name)]), name);
    const response = await api('/ocr/upload', { method: 'POST', headers: kiosk, body: form });
    expect(response.status).toBe(201);
    return (await response.json()) as ScanView;
  };

  /** 409 NIK_REGISTERED_TO_ANOTHER_PERSON that tells nothing of A and opens no session. */
  async function expectRefusedWithoutLeak(response: Response): Promise<ErrorBody> {
    const text = await response.text();
    expect({ status: response.status, text }).toMatchObject({ status: 409 });
    const body = JSON.parse(text) as ErrorBody;
    expect(body).toMatchObject({ statusCode: 409, code: 'NIK_REGISTERED_TO_ANOTHER_PERSON' });
    expect(body.requestId).toEqual(expect.any(String));
    for (const secret of [patientA.patientId, 'SITI', 'NURJANAH', A.birthDate, '17-08-1990', 'CIOJAR', 'BANDUNG']) {
      expect(text.toUpperCase()).not.toContain(secret.toUpperCase());
    }
    expect(text).not.toMatch(/accessToken|refreshToken|followToken|patientId|"user"/i);
    return body;
  }

  /** A as the record keeps them, with none of the impostor's data. */
  async function expectAUnchanged(): Promise<void> {
    const view = await readAsStaff(patientA.patientId);
    expect(view).toMatchObject({ id: patientA.patientId, role: 'PASIEN', nik: A.nik, name: A.nama, birthDate: A.birthDate, gender: 'FEMALE', birthPlace: A.birthPlace, address: A.alamat });
    const signedIn = await loginOk(A.nik, A.nama);
    expect(signedIn.user).toMatchObject({ id: patientA.patientId, name: A.nama, birthDate: A.birthDate, gender: 'FEMALE', address: A.alamat });
    const me = await api('/users/me', { headers: { authorization: `Bearer ${signedIn.accessToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: patientA.patientId, name: A.nama, birthDate: A.birthDate, address: A.alamat });
    const kept = await record(patientA.patientId);
    expect(kept.reviewFlags).toEqual([]);
    expect(kept.history.filter((entry) => entry.event !== 'NIK_READ').map((entry) => entry.event)).toEqual(['REGISTERED']);
  }

  const openFollowSocket = (followToken: string): Promise<Socket> => {
    const socket = io(`${platform.url}/queue`, { transports: ['websocket'], reconnection: false, auth: { followToken } });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };
  const subscribe = (socket: Socket, request: Record<string, string>) =>
    socket.timeout(EVENT_WAIT_MS).emitWithAck('subscribe', request) as Promise<{ ok: boolean; room?: string; error?: string }>;
  /** Resolves with the first `event` payload matching, heard from now on or already collected. */
  const collect = (socket: Socket, event: string) => {
    const heard: FollowedTicketEvent[] = [];
    const waiters = new Set<() => void>();
    socket.on(event, (payload: FollowedTicketEvent) => {
      heard.push(payload);
      for (const waiter of waiters) waiter();
    });
    return (matches: (payload: FollowedTicketEvent) => boolean) =>
      new Promise<FollowedTicketEvent>((resolve, reject) => {
        const check = () => {
          const found = heard.find(matches);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${event} event heard (heard: ${JSON.stringify(heard)})`));
        }, EVENT_WAIT_MS);
        waiters.add(check);
        check();
      });
  };

  beforeAll(async () => {
    platform = await InProcessPlatform.start(['institution', 'user', 'patient-queue', 'ocr-engine', 'ocr'], {
      OCR_TIMEOUT_MS: '60000',
      OCR_ENGINE_TIMEOUT_MS: '55000',
    });
    ({ institutionId, services, operator, admin } = await seedFacility(platform, `PI-${randomUUID().slice(0, 8)}`, KIOSK_KEY));

    ({ institutionId: otherInstitutionId, services: otherServices, operator: otherOperator } = await seedFacility(
      platform,
      `PX-${randomUUID().slice(0, 8)}`,
      OTHER_KIOSK_KEY,
    ));

    // Patient A registers at the kiosk with a typed card.
    patientA = await confirmOk(await confirmTyped(card({ ...A }), { requestId: patientARequestId }));
    expect(patientA.patientCreated).toBe(true);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await platform?.close();
  });

  describe('1. a card with a registered NIK and another name is refused, and nothing changes', () => {
    const impostorCard = () => card({ ...IMPOSTOR, nik: A.nik });

    it('registered A at the kiosk: the answer names A by id only, with no session', async () => {
      expect(patientA.patientId).toEqual(expect.any(String));
      expect(Object.keys(patientA)).not.toContain('user');
      expect(JSON.stringify(patientA)).not.toMatch(/accessToken|refreshToken/);
      expect(patientA.ticket).toMatchObject({ status: 'WAITING', patientUserId: patientA.patientId, serviceId: services[0].id });
      await expectAUnchanged();
    });

    it('(a) a kiosk typed card: 409, A unchanged, and the same typed entry confirms once corrected', async () => {
      const requestId = randomUUID();
      await expectRefusedWithoutLeak(await confirmTyped(impostorCard(), { requestId }));
      await expectAUnchanged();

      // The patient checks the card: the NIK was mistyped. The same entry confirms with the right one.
      const corrected = { ...impostorCard(), nik: nikFor(IMPOSTOR.birthDate, IMPOSTOR.sex) };
      const reply = await confirmOk(await confirmTyped(corrected, { requestId }));
      expect(reply.patientCreated).toBe(true);
      expect(reply.patientId).not.toBe(patientA.patientId);
      expect(await readAsStaff(reply.patientId)).toMatchObject({ name: IMPOSTOR.nama, nik: corrected.nik });
      await expectAUnchanged();
    });

    it('(b) a kiosk photo scan whose fields were edited to A\'s NIK: 409, A unchanged, the scan stays confirmable', async () => {
      const scan = await upload('ktp-scan-clean.jpg');
      const scanned = truth('ktp-scan-clean.jpg');
      expect(scan.fields.nik).toBe(scanned.nik);
      const body = (fields: Fields) => send('POST', { scanId: scan.scanId, fields, institutionId, serviceId: services[0].id }, kiosk);

      await expectRefusedWithoutLeak(await api('/ocr/confirm', body({ ...scanned, nik: A.nik })));
      await expectAUnchanged();
      const pending = await api(`/ocr/temp/${scan.scanId}`, { headers: kiosk });
      expect(pending.status).toBe(200);

      const reply = await confirmOk(await api('/ocr/confirm', body(scanned)));
      expect(reply.patientCreated).toBe(true);
      expect(reply.patientId).not.toBe(patientA.patientId);
      expect(await readAsStaff(reply.patientId)).toMatchObject({ name: scanned.nama, nik: scanned.nik });
      await expectAUnchanged();
    });

    it('(c) staff typing the card: 409, A unchanged, and the same typed entry confirms once corrected', async () => {
      const requestId = randomUUID();
      await expectRefusedWithoutLeak(await confirmTyped(impostorCard(), { requestId, headers: staff() }));
      await expectAUnchanged();

      const corrected = { ...impostorCard(), nama: 'BUDI SANTOSA', nik: nikFor(IMPOSTOR.birthDate, IMPOSTOR.sex) };
      const reply = await confirmOk(await confirmTyped(corrected, { requestId, headers: staff() }));
      expect(reply.patientCreated).toBe(true);
      expect(reply.patientId).not.toBe(patientA.patientId);
      await expectAUnchanged();
    });

    it('registers one person when two kiosks confirm the same new NIK with different names at the same moment', async () => {
      const nik = nikFor('1979-04-21', 'MALE');
      const person = { birthDate: '1979-04-21', sex: 'MALE' as const, birthPlace: 'BOGOR', alamat: 'JL. PAJAJARAN NO. 5' };
      const [first, second] = await Promise.all([
        confirmTyped(card({ ...person, nik, nama: 'AGUS SALIM' }), { serviceId: services[1].id }),
        confirmTyped(card({ ...person, nik, nama: 'RUDI HARTONO' }), { serviceId: services[1].id }),
      ]);
      expect([first.status, second.status].sort()).toEqual([201, 409]);
      const winner = ((first.status === 201 ? await first.json() : await second.json()) as ConfirmScanReply);
      const loser = (first.status === 409 ? await first.json() : await second.json()) as ErrorBody;
      expect(winner.patientCreated).toBe(true);
      expect(loser.code).toBe('NIK_REGISTERED_TO_ANOTHER_PERSON');
      expect(JSON.stringify(loser)).not.toContain(winner.patientId);
    });

    it('refuses a name that differs by one letter too (no fuzzy matching)', async () => {
      await expectRefusedWithoutLeak(await confirmTyped(card({ ...A, nama: 'SITI NURJANAM' })));
      await expectAUnchanged();
    });
  });

  describe('2. the same NIK and name in another spelling is the same patient', () => {
    const newAddress = 'JL. CIBADUAK NO. 12';
    const otherBirthDate = '1990-08-18';

    it('finds A, issues a ticket, refreshes the address, flags the differing birth date and keeps it', async () => {
      const spaced = await confirmOk(await confirmTyped(card({ ...A, nama: 'SITI NUR JANAH', birthDate: otherBirthDate, alamat: newAddress }), { serviceId: services[1].id }));
      expect(spaced.patientId).toBe(patientA.patientId);
      expect(spaced.patientCreated).toBe(false);
      expect(spaced.ticket).toMatchObject({ status: 'WAITING', serviceId: services[1].id, patientUserId: patientA.patientId });
      expect(spaced.followUrl).toBe(`/antrian?follow=${spaced.followToken}`);

      const cased = await confirmOk(await confirmTyped(card({ ...A, nama: 'Siti Nurjanah', birthDate: otherBirthDate, alamat: newAddress })));
      expect(cased.patientId).toBe(patientA.patientId);
      expect(cased.patientCreated).toBe(false);
      expect(cased.ticket).toMatchObject({ patientUserId: patientA.patientId, serviceId: services[0].id });

      const view = await readAsStaff(patientA.patientId);
      expect(view).toMatchObject({ name: A.nama, birthDate: A.birthDate, gender: 'FEMALE', birthPlace: A.birthPlace, address: newAddress });

      const kept = await record(patientA.patientId);
      // One open flag for the birth date, however many cards showed the same other date.
      expect(kept.reviewFlags).toEqual([expect.objectContaining({ field: 'birthDate', recordValue: A.birthDate, cardValue: otherBirthDate })]);
      expect(kept.history).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ event: 'FIELD_CHANGED', field: 'address', oldValue: A.alamat, newValue: newAddress, channel: 'KIOSK', actorKind: 'kiosk' }),
          expect.objectContaining({ event: 'REVIEW_FLAGGED', field: 'birthDate', oldValue: A.birthDate, newValue: otherBirthDate, channel: 'KIOSK' }),
        ]),
      );
      // Identity is never changed from a card, and the address changed once.
      expect(kept.history.filter((entry) => entry.event === 'FIELD_CHANGED' && ['name', 'birthDate', 'gender', 'birthPlace'].includes(entry.field ?? ''))).toEqual([]);
      expect(kept.history.filter((entry) => entry.event === 'FIELD_CHANGED' && entry.field === 'address')).toHaveLength(1);
      expect(kept.history.filter((entry) => entry.event === 'REVIEW_FLAGGED')).toHaveLength(1);
    });

    it('flags a differing birth date once and records an address change once when kiosks confirm the same person at the same moment', async () => {
      const p = { nik: nikFor('1983-06-11', 'FEMALE'), nama: 'RINA MARLINA', birthDate: '1983-06-11', sex: 'FEMALE' as const, birthPlace: 'TASIKMALAYA', alamat: 'JL. LAMA NO. 1' };
      const registered = await confirmOk(await confirmTyped(card(p), { serviceId: services[1].id }));
      // Three at once: within the gateway's OCR_MAX_CONCURRENCY (4), so none is turned away as busy.
      const replies = await Promise.all(
        [0, 1, 2].map(() => confirmTyped(card({ ...p, nama: 'Rina Marlina', birthDate: '1983-06-12', alamat: 'JL. BARU NO. 2' }), { serviceId: services[1].id })),
      );
      for (const reply of replies) expect((await confirmOk(reply)).patientId).toBe(registered.patientId);
      const kept = await record(registered.patientId);
      expect(kept.reviewFlags).toEqual([expect.objectContaining({ field: 'birthDate', recordValue: p.birthDate, cardValue: '1983-06-12' })]);
      expect(kept.history.filter((entry) => entry.event === 'REVIEW_FLAGGED')).toHaveLength(1);
      expect(kept.history.filter((entry) => entry.event === 'FIELD_CHANGED' && entry.field === 'address')).toHaveLength(1);
    });

    it('never fills an identity field the record lacks from a card: it is flagged for staff instead', async () => {
      const p = { nik: nikFor('1977-01-23', 'MALE'), nama: 'AHMAD DAHLAN', birthDate: '1977-01-23', sex: 'MALE' as const, birthPlace: 'CIAMIS', alamat: 'JL. MAWAR NO. 3' };
      const { tempatLahir: _omitted, ...withoutBirthPlace } = card(p);
      const registered = await confirmOk(await confirmTyped(withoutBirthPlace, { serviceId: services[1].id }));
      await confirmOk(await confirmTyped(card(p), { serviceId: services[1].id }));
      const patient = (await (await api(`/users/${registered.patientId}`, { headers: staff() })).json()) as UserView;
      expect(patient.birthPlace).toBeNull();
      expect((await record(registered.patientId)).reviewFlags).toEqual([expect.objectContaining({ field: 'birthPlace', recordValue: null, cardValue: 'CIAMIS' })]);
    });
  });

  describe('3. patient sign-in compares names by letters only', () => {
    it('signs in MUHAM MAD ILHAM as "Muhammad Ilham" and refuses "MUHAMAD ILHAM"', async () => {
      const ilham = { nik: nikFor('1995-01-05', 'MALE'), nama: 'MUHAM MAD ILHAM', birthDate: '1995-01-05', sex: 'MALE' as const, birthPlace: 'CIMAHI', alamat: 'JL. SUDIRMAN NO. 1' };
      const registered = await confirmOk(await confirmTyped(card(ilham), { serviceId: services[1].id }));
      expect(registered.patientCreated).toBe(true);

      const signedIn = await loginOk(ilham.nik, 'Muhammad Ilham');
      expect(signedIn.user).toMatchObject({ id: registered.patientId, name: 'MUHAM MAD ILHAM' });
      expect((await loginOk(ilham.nik, 'MUHAMMAD-ILHAM')).user.id).toBe(registered.patientId);

      const oneLetterOff = await login(ilham.nik, 'MUHAMAD ILHAM');
      expect(oneLetterOff.status).toBe(401);
      expect(await oneLetterOff.text()).not.toMatch(/accessToken|MUHAM MAD/);
    });
  });

  describe('4. identity changes only by a staff correction with a reason', () => {
    const newName = 'SITI NURJANAH PUTRI';
    const reason = 'Nama salah ketik saat pendaftaran; dicocokkan dengan KTP asli';

    it('refuses a correction without a reason (400) and changes nothing', async () => {
      const response = await api(`/users/${patientA.patientId}/identity-corrections`, send('POST', { name: newName }, staff()));
      expect(response.status).toBe(400);
      const short = await api(`/users/${patientA.patientId}/identity-corrections`, send('POST', { name: newName, reason: 'x' }, staff()));
      expect(short.status).toBe(400);
      expect(await readAsStaff(patientA.patientId)).toMatchObject({ name: A.nama });
    });

    it('refuses the patient changing their own name or birth date (422), but not through a staff route', async () => {
      const { accessToken } = await loginOk(A.nik, A.nama);
      const patient = { authorization: `Bearer ${accessToken}` };
      const rename = await api(`/users/${patientA.patientId}`, send('PATCH', { name: 'SOMEONE ELSE' }, patient));
      expect(rename.status).toBe(422);
      expect(await rename.json()).toMatchObject({ code: 'UNPROCESSABLE' });
      const redate = await api(`/users/${patientA.patientId}`, send('PATCH', { birthDate: '2000-01-01' }, patient));
      expect(redate.status).toBe(422);
      // The staff routes are closed to the patient.
      expect((await api(`/users/${patientA.patientId}/identity-corrections`, send('POST', { name: 'SOMEONE ELSE', reason }, patient))).status).toBe(403);
      expect((await api(`/users/${patientA.patientId}/record`, { headers: patient })).status).toBe(403);
      expect(await readAsStaff(patientA.patientId)).toMatchObject({ name: A.nama, birthDate: A.birthDate });
    });

    it('an operator corrects the name: recorded with who, why, old and new; the open flag resolved; sign-in follows', async () => {
      const response = await api(`/users/${patientA.patientId}/identity-corrections`, send('POST', { name: newName, reason }, staff()));
      const text = await response.text();
      expect({ ok: [200, 201].includes(response.status), status: response.status, text }).toMatchObject({ ok: true });

      const kept = await record(patientA.patientId);
      expect(kept.history).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            event: 'IDENTITY_CORRECTED',
            field: 'name',
            oldValue: A.nama,
            newValue: newName,
            reason,
            channel: 'STAFF',
            actorId: operator.userId,
            actorRole: 'OPERATOR',
          }),
          expect.objectContaining({ event: 'REVIEW_RESOLVED', field: 'birthDate', actorId: operator.userId }),
        ]),
      );
      expect(kept.reviewFlags).toEqual([]);
      expect(await readAsStaff(patientA.patientId)).toMatchObject({ name: newName, birthDate: A.birthDate });

      const signedIn = await loginOk(A.nik, 'Siti Nurjanah Putri');
      expect(signedIn.user).toMatchObject({ id: patientA.patientId, name: newName });
      expect((await login(A.nik, A.nama)).status).toBe(401);
    });
  });

  describe('5. the printed ticket\'s follow link', () => {
    it('shows the ticket without the patient, to any number of phones, for that ticket only, until it ends', async () => {
      const holder = { nik: nikFor('1988-12-01', 'FEMALE'), nama: 'DEWI LESTARI', birthDate: '1988-12-01', sex: 'FEMALE' as const, birthPlace: 'SUMEDANG', alamat: 'JL. ASIA AFRIKA NO. 3' };
      const serviceId = services[2].id; // no other test queues here, so call-next calls this ticket
      const confirmed = await confirmOk(await confirmTyped(card(holder), { serviceId }));
      expect(confirmed.followToken).toEqual(expect.any(String));
      expect(confirmed.followUrl).toBe(`/antrian?follow=${confirmed.followToken}`);
      const ticketId = confirmed.ticket.id;

      const viewed = await api(`/queue/follow/${confirmed.followToken}`);
      const viewText = await viewed.text();
      expect({ status: viewed.status, viewText }).toMatchObject({ status: 200 });
      const view = JSON.parse(viewText) as FollowedTicketView;
      expect(view).toMatchObject({ ticketId, displayNumber: confirmed.ticket.displayNumber, status: 'WAITING', ahead: expect.any(Number), etaMinutes: expect.any(Number) });
      expect(Object.keys(view)).not.toEqual(expect.arrayContaining(['patientUserId']));
      for (const secret of [holder.nik, 'DEWI', 'LESTARI', confirmed.patientId]) expect(viewText.toUpperCase()).not.toContain(secret.toUpperCase());

      // The follow token is not an account.
      expect((await api('/users/me', { headers: { authorization: `Bearer ${confirmed.followToken}` } })).status).toBe(401);
      expect((await api('/queue/my-queue', { headers: { authorization: `Bearer ${confirmed.followToken}` } })).status).toBe(401);

      // Two phones follow the ticket; a third, with the same link, may not open another ticket.
      const [phone1, phone2, nosy] = await Promise.all([1, 2, 3].map(() => openFollowSocket(confirmed.followToken)));
      const called1 = collect(phone1, 'queue_called');
      const called2 = collect(phone2, 'queue_called');
      expect(await subscribe(phone1, { ticketId })).toMatchObject({ ok: true });
      expect(await subscribe(phone2, { ticketId })).toMatchObject({ ok: true });
      expect(await subscribe(nosy, { ticketId: patientA.ticket.id })).toMatchObject({ ok: false });
      expect(await subscribe(nosy, { institutionId })).toMatchObject({ ok: false });

      const call = await api(`/queue/institution/${institutionId}/next`, send('POST', { serviceId, counter: 'Loket 3' }, staff()));
      expect(call.status).toBe(200);
      expect(await call.json()).toMatchObject({ ticket: { id: ticketId, status: 'CALLED' } });

      const heard = await Promise.all([called1, called2].map((next) => next((event) => event.ticket.ticketId === ticketId)));
      for (const event of heard) {
        expect(event.ticket).toMatchObject({ ticketId, status: 'CALLED', counter: 'Loket 3', displayNumber: confirmed.ticket.displayNumber });
        const text = JSON.stringify(event);
        expect(text).not.toMatch(/patientUserId|nik/i);
        expect(text).not.toContain(confirmed.patientId);
      }

      // The operator serves and completes it: the link has ended.
      for (const status of ['IN_PROGRESS', 'COMPLETED']) {
        const changed = await api(`/queue/${ticketId}/status`, send('PATCH', { status }, staff()));
        expect(changed.status).toBe(200);
      }
      const ended = await api(`/queue/follow/${confirmed.followToken}`);
      expect(ended.status).toBe(410);
      expect(await ended.json()).toMatchObject({ code: 'FOLLOW_LINK_EXPIRED' });

      // A phone opening the ended link is turned away.
      const late = io(`${platform.url}/queue`, { transports: ['websocket'], reconnection: false, auth: { followToken: confirmed.followToken } });
      sockets.push(late);
      const refused = await new Promise<string>((resolve) => {
        late.once('disconnect', () => resolve('disconnected'));
        late.once('connect_error', () => resolve('refused'));
      });
      expect(['disconnected', 'refused']).toContain(refused);
    });

    it('a follow token is exact: the same letters in another case are not a follow link', async () => {
      const holder = { nik: nikFor('1992-02-10', 'MALE'), nama: 'ANDI WIJAYA', birthDate: '1992-02-10', sex: 'MALE' as const, birthPlace: 'SUBANG', alamat: 'JL. DAGO NO. 8' };
      const confirmed = await confirmOk(await confirmTyped(card(holder), { serviceId: services[1].id }));
      const token = confirmed.followToken;
      const swapped = token.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
      expect(swapped).not.toBe(token);
      expect((await api(`/queue/follow/${token}`)).status).toBe(200);
      expect((await api(`/queue/follow/${swapped}`)).status).toBe(404);
    });

    it('answers a malformed or unknown follow token without a ticket', async () => {
      expect([400, 404]).toContain((await api('/queue/follow/not-a-token')).status);
      expect((await api(`/queue/follow/${'A'.repeat(22)}`)).status).toBe(404);
    });
  });

  describe('6. staff see only patients of their institution, and reading the NIK is recorded', () => {
    const nikReads = (history: PatientHistoryEntry[]) => history.filter((entry) => entry.event === 'NIK_READ');

    it('an operator of another institution is answered as if A did not exist, and that read is not recorded', async () => {
      const before = nikReads((await record(patientA.patientId)).history).length;
      for (const [path, init] of [
        [`/users/${patientA.patientId}`, { headers: otherStaff() }],
        [`/users/${patientA.patientId}/record`, { headers: otherStaff() }],
        [`/users/${patientA.patientId}/identity-corrections`, send('POST', { name: 'X Y', reason: 'mencoba mengubah' }, otherStaff())],
      ] as const) {
        const response = await api(path, init as RequestInit);
        const text = await response.text();
        expect({ path, hidden: [403, 404].includes(response.status), status: response.status, text }).toMatchObject({ path, hidden: true });
        expect(text).not.toContain(A.nik);
        expect(text.toUpperCase()).not.toContain('NURJANAH');
      }
      const after = await record(patientA.patientId);
      expect(nikReads(after.history)).toHaveLength(before);
      expect((await readAsStaff(patientA.patientId)).name).toBe('SITI NURJANAH PUTRI');
    });

    it('a kiosk of another institution replaying A\'s confirmed typed entry gets neither A nor a ticket', async () => {
      const replay = await api(
        '/ocr/confirm',
        send('POST', { requestId: patientARequestId, fields: card({ ...A }), institutionId: otherInstitutionId, serviceId: otherServices[0].id }, { 'x-api-key': OTHER_KIOSK_KEY }),
      );
      const text = await replay.text();
      // Today this is refused by the queue's requestId guard (409 CONFLICT), not by a scope check of the ocr service.
      expect({ refused: replay.status >= 400, status: replay.status, text }).toMatchObject({ refused: true });
      expect(text).not.toContain(patientA.patientId);
      // ...and it gave the other institution's staff no way into A's record.
      expect([403, 404]).toContain((await api(`/users/${patientA.patientId}`, { headers: otherStaff() })).status);
    });

    it('the operator of A\'s institution reads A, and the read is in A\'s history', async () => {
      const before = nikReads((await record(patientA.patientId)).history).length;
      const view = await readAsStaff(patientA.patientId);
      expect(view.nik).toBe(A.nik);
      const reads = nikReads((await record(patientA.patientId)).history);
      expect(reads).toHaveLength(before + 1);
      expect(reads[0]).toMatchObject({ field: 'nik', channel: 'STAFF', actorId: operator.userId, actorRole: 'OPERATOR' });
    });

    it('an administrator listing patients sees no NIKs, so a list records no NIK read', async () => {
      const before = nikReads((await record(patientA.patientId)).history).length;
      const listed = await api('/users?role=PASIEN&pageSize=100', { headers: authHeaders(admin) });
      expect(listed.status).toBe(200);
      const page = (await listed.json()) as { items: UserView[] };
      expect(page.items.find((user) => user.id === patientA.patientId)).toMatchObject({ role: 'PASIEN', nik: null });
      expect(JSON.stringify(page)).not.toContain(A.nik);
      expect(nikReads((await record(patientA.patientId)).history)).toHaveLength(before);
    });
  });
});
