import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ConfirmScanReply, ScanView, ServiceView } from '@mediq/contracts';
import { authHeaders } from '../../../gateway/test/support/auth';
import { InProcessPlatform, seedFacility } from '../../../test/support/in-process-platform';

/**
 * The kiosk registration flow through the real gateway, services, ONNX models, MariaDB and RabbitMQ:
 * upload a synthetic KTP photo, confirm it, get a ticket, and the operator's call-next returns it.
 */
const FIXTURES = join(__dirname, '../../ocr-engine/test/fixtures/cards');
const photo = (name: string) => readFileSync(join(FIXTURES, name));
const truth = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name.replace(/\.\w+$/, '.json')), 'utf8')).fields as Record<string, string>;
const KIOSK_KEY = `kiosk-flow-test-key-${randomUUID()}`;

jest.setTimeout(120_000);

describe('kiosk registration: upload -> confirm -> ticket', () => {
  let platform: InProcessPlatform;
  let institutionId: string;
  let services: ServiceView[];
  let operator: { userId: string; role: 'OPERATOR'; institutionId: string };

  const kiosk = { 'x-api-key': KIOSK_KEY };
  const api = (path: string, init: RequestInit = {}) => fetch(`${platform.url}/api${path}`, init);
  const json = (body: unknown, headers: Record<string, string> = kiosk): RequestInit => ({
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const upload = async (image: Buffer, filename: string, field = 'file', headers: Record<string, string> = kiosk) => {
    const form = new FormData();
    form.append(field, new Blob([image]), filename);
    return api('/ocr/upload', { method: 'POST', headers, body: form });
  };
  const uploadOk = async (name: string): Promise<ScanView> => {
    const response = await upload(photo(name), name);
    expect(response.status).toBe(201);
    return (await response.json()) as ScanView;
  };
  const confirmBody = (scan: ScanView, fields: Record<string, string>, service = services[0]) => ({
    scanId: scan.scanId,
    fields,
    institutionId,
    serviceId: service.id,
  });

  beforeAll(async () => {
    // Inference (the engine's build, in a child process) shares 2 cores with the rest of the suite: generous
    // OCR timeouts, so a slow machine slows the test instead of failing it. Timeouts have their own tests.
    platform = await InProcessPlatform.start(['institution', 'user', 'patient-queue', 'ocr-engine', 'ocr'], {
      OCR_TIMEOUT_MS: '60000',
      OCR_ENGINE_TIMEOUT_MS: '55000',
    });
    ({ institutionId, services, operator } = await seedFacility(platform, `KF-${randomUUID().slice(0, 8)}`, KIOSK_KEY));
  });

  afterAll(() => platform?.close());

  it('reads a KTP photo, registers the patient on confirmation and the operator calls them', async () => {
    const scan = await uploadOk('ktp-scan-clean.jpg');
    const expected = truth('ktp-scan-clean.jpg');
    expect(scan.tempId).toBe(scan.scanId);
    expect(scan.cardType).toBe('KTP');
    expect(scan.fields.nik).toBe(expected.nik);
    expect(scan.fields.nama).toBe(expected.nama);
    expect(scan.patientExists).toBe(false);

    const pending = await api(`/ocr/temp/${scan.scanId}`, { headers: kiosk });
    expect(pending.status).toBe(200);
    expect(((await pending.json()) as ScanView).fields.nik).toBe(expected.nik);

    const confirmed = await api('/ocr/confirm', json(confirmBody(scan, expected)));
    expect(confirmed.status).toBe(201);
    const reply = (await confirmed.json()) as ConfirmScanReply;
    expect(reply.patientCreated).toBe(true);
    expect(reply.ticket).toMatchObject({ status: 'WAITING', serviceId: services[0].id, patientUserId: reply.patientId });
    expect(reply.ticket.displayNumber).toMatch(/^A-\d{3}$/);
    // A kiosk answer is read on a public screen: no personal record, no session.
    expect(JSON.stringify(reply)).not.toContain(expected.nama);
    expect(JSON.stringify(reply)).not.toMatch(/accessToken|refreshToken/);

    // The printed QR code's follow link shows the ticket to any phone, without an account.
    const followed = await api(`/queue/follow/${reply.followToken}`);
    expect(followed.status).toBe(200);
    expect(await followed.json()).toMatchObject({ ticketId: reply.ticket.id, displayNumber: reply.ticket.displayNumber, status: 'WAITING' });

    // The scan is spent: its data is gone and it cannot be read again.
    expect((await api(`/ocr/temp/${scan.scanId}`, { headers: kiosk })).status).toBe(409);

    const called = await api(`/queue/institution/${institutionId}/next`, json({ serviceId: services[0].id, counter: 'Loket 1' }, authHeaders(operator)));
    expect(called.status).toBe(200);
    expect(await called.json()).toMatchObject({ ticket: { id: reply.ticket.id, status: 'CALLED' } });
  });

  it('returns the same patient and ticket when the kiosk confirms again after losing the answer', async () => {
    const scan = await uploadOk('ktp-photo-tilted.jpg');
    const fields = truth('ktp-photo-tilted.jpg');
    const first = (await (await api('/ocr/confirm', json(confirmBody(scan, fields, services[1])))).json()) as ConfirmScanReply;
    const retry = await api(`/ocr/confirm-temp/${scan.scanId}`, json({ fields, institutionId, serviceId: services[1].id }));
    expect(retry.status).toBe(201);
    const second = (await retry.json()) as ConfirmScanReply;
    expect(second.patientId).toBe(first.patientId);
    expect(second.followToken).toBe(first.followToken);
    expect(second.ticket.id).toBe(first.ticket.id);
    expect(second.ticket.displayNumber).toBe(first.ticket.displayNumber);
  });

  it('registers one patient when two kiosks confirm the same new NIK at the same moment', async () => {
    const [a, b] = await Promise.all([uploadOk('ktp-photo-perspective.jpg'), uploadOk('ktp-photo-perspective.jpg')]);
    const fields = truth('ktp-photo-perspective.jpg');
    const replies = await Promise.all([
      api('/ocr/confirm', json(confirmBody(a, fields, services[2]))),
      api('/ocr/confirm', json(confirmBody(b, fields, services[2]))),
    ]);
    const bodies = (await Promise.all(replies.map((r) => r.json()))) as ConfirmScanReply[];
    expect(replies.map((r) => r.status)).toEqual([201, 201]);
    expect(bodies[0].patientId).toBe(bodies[1].patientId);
    expect(bodies.filter((body) => body.patientCreated)).toHaveLength(1);
    // One patient has at most one active ticket per service and day: both scans lead to it.
    expect(bodies[0].ticket.id).toBe(bodies[1].ticket.id);
  });

  it('answers 503 while the queue is down, keeps the scan confirmable, and completes on retry', async () => {
    const scan = await uploadOk('ktp-photo-small.jpg');
    const fields = truth('ktp-photo-small.jpg');
    await platform.stopService('patient-queue');
    try {
      const down = await api('/ocr/confirm', json(confirmBody(scan, fields)));
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(((await down.json()) as { message: string }).message).toContain('confirm again');
      const still = await api(`/ocr/temp/${scan.scanId}`, { headers: kiosk });
      expect(still.status).toBe(200);
    } finally {
      await platform.startService('patient-queue');
    }
    const retried = await api('/ocr/confirm', json(confirmBody(scan, fields)));
    expect(retried.status).toBe(201);
    const reply = (await retried.json()) as ConfirmScanReply;
    const again = (await (await api('/ocr/confirm', json(confirmBody(scan, fields)))).json()) as ConfirmScanReply;
    expect(again.ticket.id).toBe(reply.ticket.id);
  });

  it('refuses a NIK that breaks a hard rule, naming the rule, but only warns about a date mismatch', async () => {
    const scan = await uploadOk('ktp-photo-nik-mismatch.jpg');
    const fields = truth('ktp-photo-nik-mismatch.jpg');
    // The genuine NIK is read as printed, though its date part disagrees with the printed birth date,
    // and the kiosk is told which field to look at.
    expect(scan.fields.nik).toBe(fields.nik);
    expect(scan.warnings).toContainEqual(expect.objectContaining({ code: 'NIK_BIRTH_DATE_MISMATCH', field: 'nik' }));
    expect(scan.fieldsToCheck).toContain('nik');
    expect(scan.suggestions).toEqual(expect.any(Object));
    const bad = await api('/ocr/confirm', json(confirmBody(scan, { ...fields, nik: '9904121234560001' })));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ details: { rule: 'NIK_PROVINCE_UNKNOWN' } });

    const ok = await api('/ocr/confirm', json(confirmBody(scan, fields)));
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as ConfirmScanReply).warnings.map((w) => w.rule)).toContain('NIK_BIRTH_DATE_MISMATCH');
  });

  it('refuses bad uploads with a clear 4xx', async () => {
    const text = await upload(Buffer.from('this is not an image'), 'card.jpg');
    expect(text.status).toBe(415);
    const empty = await upload(Buffer.alloc(0), 'card.jpg');
    expect(empty.status).toBe(400);
    const huge = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 0xff), 'card.jpg');
    expect(huge.status).toBe(413);
    const noCard = await upload(photo('no-card-photo.jpg'), 'no-card-photo.jpg');
    expect(noCard.status).toBe(422);
    const missingField = await api('/ocr/upload', { method: 'POST', headers: kiosk, body: new FormData() });
    expect(missingField.status).toBe(400);
    const anonymous = await upload(photo('ktp-scan-clean.jpg'), 'x.jpg', 'file', {});
    expect(anonymous.status).toBe(401);
  });

  it('answers unknown, cancelled and malformed scan ids clearly', async () => {
    expect((await api(`/ocr/temp/${randomUUID()}`, { headers: kiosk })).status).toBe(404);
    expect((await api('/ocr/temp/not-a-uuid', { headers: kiosk })).status).toBe(400);
    const scan = await uploadOk('ktp-photo-glare.jpg');
    expect((await api(`/ocr/temp/${scan.scanId}`, { method: 'DELETE', headers: kiosk })).status).toBe(200);
    const afterCancel = await api('/ocr/confirm', json(confirmBody(scan, truth('ktp-photo-glare.jpg'))));
    expect(afterCancel.status).toBe(409);
    expect(((await afterCancel.json()) as { message: string }).message).toContain('cancelled');
  });
});
