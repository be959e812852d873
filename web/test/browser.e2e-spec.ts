/**
 * The web clients in a real browser against the whole platform: a patient takes a ticket at the
 * kiosk with a KTP photo, follows it on the patient page (from the QR link, and signed in with NIK +
 * name on another phone), an operator calls, the TV board shows and announces the number, the admin
 * revokes the kiosk and adds an operator, who signs in at a counter. Every screen is checked with
 * axe-core and by keyboard, and photographed into test-artifacts/web/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import type { InstitutionView, ScanView, ServiceView } from '@mediq/contracts';
import { controlsUnreachableByKeyboard, launchChromium, RECORD_SPEECH, screenshot, seriousAccessibilityViolations } from './support/browser';

const { SEED_DEFAULTS } = require('../../scripts/lib/seed') as { SEED_DEFAULTS: Record<string, string> };

const baseUrl = process.env.WEB_E2E_BASE_URL!;
const seed = JSON.parse(process.env.WEB_E2E_SEED!) as { institution: InstitutionView; services: ServiceView[] };
const setting = (name: string) => process.env[name] || SEED_DEFAULTS[name];
const serviceA = seed.services.find((service) => service.code === 'A')!;
const gigi = seed.services.find((service) => service.code === 'B')!;
const KTP_PHOTO = path.resolve(__dirname, '../../services/ocr-engine/test/fixtures/cards/ktp-scan-clean.jpg');
/** What the fixture card really says (its label file), for the fields the patient corrects. */
const CARD = { nik: '9301156509580023', nama: 'LESTARI HARAHAP. SH', tanggalLahir: '1958-09-25' };
/** The operator the admin adds in the staff panel. */
const NEW_OPERATOR = { name: 'Operator Gigi', email: 'operator.gigi@pkm-demo.mediq.local', password: 'Gigi-Loket-2026!' };
/** The password the new operator chooses after an administrator's reset. */
const NEW_OPERATOR_OWN_PASSWORD = 'kopi tubruk pagi di loket empat';

let browser: { context: BrowserContext; close: () => Promise<void> };
let kiosk: Page;
let patient: Page;
let display: Page;
let operator: Page;
let admin: Page;
let firstNumber: string;
let kioskNumber: string;
let patientLink: string;
let transferredNumber: string;

async function expectAccessibleAndKeyboardReachable(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(await controlsUnreachableByKeyboard(page)).toEqual([]);
}

/** A ticket at Poli Umum taken at the kiosk with the card typed by hand; the kiosk is back at its tiles after. */
async function takeTicketByHand(nik: string, nama: string): Promise<string> {
  await kiosk.getByRole('button', { name: /Poli Umum/ }).click();
  await kiosk.getByRole('button', { name: 'Ketik data manual' }).click();
  await kiosk.locator('input[name="nik"]').fill(nik);
  await kiosk.locator('input[name="nama"]').fill(nama);
  await kiosk.locator('input[name="tanggalLahir"]').fill('1990-08-05');
  await kiosk.locator('input[name="jenisKelamin"]').fill('PEREMPUAN');
  await kiosk.getByRole('button', { name: 'Benar, ambil nomor antrean' }).click();
  await kiosk.getByTestId('ticket-number').waitFor();
  const number = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
  await kiosk.getByRole('button', { name: 'Selesai' }).click();
  return number;
}

/** The sizes (mm) of a PDF's pages, from their MediaBox. */
function pdfPageSizes(pdf: Buffer): Array<[number, number]> {
  const mm = (points: string) => (Number(points) / 72) * 25.4;
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [mm(m[1]), mm(m[2])]);
}

async function spoken(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken.map((u) => `${u.lang}|${u.text}`));
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('web clients in Chromium', () => {
  it('the gateway serves the app on every non-API path and keeps /api answers as JSON', async () => {
    const page = await fetch(`${baseUrl}/display/${seed.institution.code}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    const api = await fetch(`${baseUrl}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('kiosk: registers with its key; a card typed by hand gets a ticket', async () => {
    kiosk = await browser.context.newPage();
    await kiosk.goto(`${baseUrl}/kiosk`);
    await kiosk.getByLabel('Kunci kiosk').fill(setting('SEED_KIOSK_API_KEY'));
    await expectAccessibleAndKeyboardReachable(kiosk);
    await kiosk.getByRole('button', { name: 'Daftarkan perangkat' }).click();

    await kiosk.getByRole('button', { name: /Poli Umum/ }).getByText('0 menunggu').waitFor();
    await kiosk.getByRole('button', { name: /Poli Umum/ }).click();
    await kiosk.getByRole('button', { name: 'Ketik data manual' }).click();
    await kiosk.locator('input[name="nik"]').fill('3171014508900001');
    await kiosk.locator('input[name="nama"]').fill('PASIEN PERTAMA');
    // Born in 1950: lansia, like the KTP photo's holder (1958), so the two keep their arrival order.
    await kiosk.locator('input[name="tanggalLahir"]').fill('1950-08-05');
    await kiosk.locator('input[name="jenisKelamin"]').fill('PEREMPUAN');
    await kiosk.getByRole('button', { name: 'Benar, ambil nomor antrean' }).click();
    await kiosk.getByTestId('ticket-number').waitFor();
    firstNumber = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
    expect(firstNumber).toMatch(/^A-\d{3}$/);
    await kiosk.getByRole('button', { name: 'Selesai' }).click();
  });

  it('kiosk: reads the KTP photo, takes a corrected field and shows the ticket', async () => {
    const tile = kiosk.getByRole('button', { name: /Poli Umum/ });
    await tile.getByText('1 menunggu').waitFor();
    await screenshot(kiosk, 'kiosk-services');
    await expectAccessibleAndKeyboardReachable(kiosk);
    await tile.click();

    await kiosk.getByRole('heading', { name: 'Tunjukkan KTP ke kamera' }).waitFor();
    // Half the card in the photo: most fields are unread, the kiosk suggests a new photo, and "Foto ulang"
    // cancels that scan and goes back to the camera.
    const card = await sharp(KTP_PHOTO).metadata();
    const halfCard = path.join(mkdtempSync(path.join(tmpdir(), 'mediq-ktp-')), 'ktp-half.jpg');
    writeFileSync(halfCard, await sharp(KTP_PHOTO).extract({ left: 0, top: 0, width: card.width!, height: Math.round(card.height! * 0.45) }).jpeg({ quality: 92 }).toBuffer());
    const halfRead = kiosk.waitForResponse((response) => response.url().endsWith('/api/ocr/upload'), { timeout: 60_000 });
    await kiosk.locator('[data-testid="ktp-file"]').setInputFiles(halfCard);
    const halfScan = (await (await halfRead).json()) as ScanView;
    expect(halfScan.warnings.map((warning) => warning.code)).toContain('CARD_MOSTLY_UNREAD');
    await kiosk.getByText('Sebagian besar kartu tidak terbaca. Sebaiknya foto ulang', { exact: false }).waitFor({ timeout: 60_000 });
    const cancelled = kiosk.waitForResponse((response) => response.url().endsWith(`/api/ocr/temp/${halfScan.scanId}`) && response.request().method() === 'DELETE');
    await kiosk.getByRole('button', { name: 'Foto ulang' }).click();
    expect((await cancelled).status()).toBe(200);
    await kiosk.getByRole('heading', { name: 'Tunjukkan KTP ke kamera' }).waitFor();

    // The card photographed sideways: the engine turns it, and the kiosk says so.
    const sideways = path.join(mkdtempSync(path.join(tmpdir(), 'mediq-ktp-')), 'ktp-sideways.jpg');
    writeFileSync(sideways, await sharp(KTP_PHOTO).rotate(90).jpeg({ quality: 92 }).toBuffer());
    const uploaded = kiosk.waitForResponse((response) => response.url().endsWith('/api/ocr/upload'), { timeout: 60_000 });
    await kiosk.locator('[data-testid="ktp-file"]').setInputFiles(sideways);
    const scan = (await (await uploaded).json()) as ScanView;
    await kiosk.getByRole('heading', { name: 'Periksa data Anda' }).waitFor({ timeout: 60_000 });
    expect(scan.warnings.map((warning) => warning.code)).toContain('CARD_ROTATED');
    await kiosk.getByText('Kartu difoto miring atau terbalik; sudah diputar untuk dibaca.').waitFor();
    // Exactly the fields the engine lists to check are highlighted, and there is at least one.
    expect(scan.fieldsToCheck.length).toBeGreaterThan(0);
    const highlighted = await kiosk.locator('label.low-confidence input').evaluateAll((inputs) => inputs.map((input) => input.getAttribute('name')));
    expect(highlighted.sort()).toEqual([...scan.fieldsToCheck].sort());
    await kiosk.locator('label.low-confidence').first().getByText('Mohon periksa').waitFor();
    expect(await kiosk.locator('input[name="nik"]').inputValue()).toMatch(/^\d{16}$/);
    await screenshot(kiosk, 'kiosk-review');
    await expectAccessibleAndKeyboardReachable(kiosk);

    // The NIK is checked as it is typed: a wrong digit count disables confirming.
    await kiosk.locator('input[name="nik"]').fill('93011565');
    await kiosk.getByText('NIK harus tepat 16 digit.').waitFor();
    expect(await kiosk.getByRole('button', { name: 'Benar, ambil nomor antrean' }).isDisabled()).toBe(true);
    // A NIK registered to another person (the first patient's) is refused: nothing changes, and the
    // kiosk shows the NIK in digit groups to compare with the card.
    await kiosk.locator('input[name="nik"]').fill('3171014508900001');
    await kiosk.locator('input[name="nama"]').fill(CARD.nama);
    await kiosk.getByRole('button', { name: 'Benar, ambil nomor antrean' }).click();
    const refusal = kiosk.getByTestId('nik-refusal');
    await refusal.getByRole('heading', { name: 'NIK ini sudah terdaftar atas nama orang lain' }).waitFor();
    expect(await refusal.getByTestId('nik-groups').textContent()).toBe('3171 0145 0890 0001');
    expect(await refusal.textContent()).not.toContain('PASIEN PERTAMA');
    await screenshot(kiosk, 'kiosk-nik-refused');
    await expectAccessibleAndKeyboardReachable(kiosk);
    await refusal.getByRole('button', { name: 'Perbaiki NIK' }).click();
    await refusal.waitFor({ state: 'detached' });
    // The patient corrects the fields to what the card says.
    await kiosk.locator('input[name="nik"]').fill(CARD.nik);
    await kiosk.locator('input[name="tanggalLahir"]').fill(CARD.tanggalLahir);
    await kiosk.getByText('NIK valid').waitFor();
    await kiosk.getByRole('button', { name: 'Benar, ambil nomor antrean' }).click();

    const number = kiosk.getByTestId('ticket-number');
    await number.waitFor({ timeout: 30_000 });
    kioskNumber = (await number.textContent())!.trim();
    expect(kioskNumber).toMatch(/^A-\d{3}$/);
    expect(kioskNumber).not.toBe(firstNumber);
    await kiosk.getByText('1 orang di depan Anda').waitFor();
    // The QR code is a read-only follow link, never a session.
    patientLink = (await kiosk.locator('img.qr').getAttribute('data-follow-link'))!;
    expect(patientLink).toMatch(/\/antrian\?follow=[A-Za-z0-9_-]{22}$/);
    await screenshot(kiosk, 'kiosk-ticket');
    await expectAccessibleAndKeyboardReachable(kiosk);
  });

  it('kiosk: prints the ticket at the roll width chosen, 58 or 80 mm (page size of Chromium\'s PDF output)', async () => {
    for (const paper of [58, 80]) {
      await kiosk.getByLabel('Lebar kertas').selectOption(String(paper));
      const pages = pdfPageSizes(await kiosk.pdf({ preferCSSPageSize: true }));
      expect(pages.length).toBeGreaterThan(0);
      for (const [width] of pages) expect(Math.abs(width - paper)).toBeLessThan(0.5);
    }
  });

  it('patient: opens the QR link on a phone and follows the ticket without signing in', async () => {
    patient = await browser.context.newPage();
    await patient.setViewportSize({ width: 390, height: 844 });
    await patient.goto(patientLink);
    await patient.getByTestId('patient-ahead').getByText('1 orang di depan Anda').waitFor();
    await patient.getByRole('button', { name: 'Masuk dengan NIK' }).waitFor();
    await patient.getByTestId('follow-place').getByText(`${serviceA.name} · ${seed.institution.name}`).waitFor();
    expect(await patient.textContent('body')).not.toContain(CARD.nama);
    // Following opens no account: no patient session is stored on the phone.
    expect(await patient.evaluate(() => localStorage.getItem('mediq.patient'))).toBeNull();
    await screenshot(patient, 'patient');
    await expectAccessibleAndKeyboardReachable(patient);
  });

  it('patient: on another phone, signs in with NIK + name and sees the ticket with position and ETA', async () => {
    const phone = await launchChromium();
    try {
      const page = await phone.context.newPage();
      await page.goto(`${baseUrl}/antrian`);
      await page.getByText('Masuk dengan NIK dan nama sesuai KTP.').waitFor();
      await expectAccessibleAndKeyboardReachable(page);
      await page.getByLabel('NIK', { exact: true }).fill(CARD.nik);
      await page.getByLabel('Nama', { exact: true }).fill(CARD.nama);
      await page.getByRole('button', { name: 'Masuk' }).click();

      const ticket = page.getByTestId('patient-ticket').filter({ hasText: kioskNumber });
      await ticket.getByTestId('patient-ahead').getByText('1 orang di depan Anda').waitFor();
      // Nobody has been served at Poli Umum yet: the wait is one patient at its configured pace.
      await ticket.getByText(`Perkiraan ${serviceA.averageServiceMinutes} menit`).waitFor();
      await screenshot(page, 'patient-signed-in');
      await expectAccessibleAndKeyboardReachable(page);
    } finally {
      await phone.close();
    }
  });

  it('display: a TV board for the institution code, no login', async () => {
    display = await browser.context.newPage();
    await display.addInitScript(RECORD_SPEECH);
    await display.goto(`${baseUrl}/`);
    await expectAccessibleAndKeyboardReachable(display);
    await display.getByLabel('Kode faskes').fill(seed.institution.code);
    await display.getByRole('button', { name: 'Papan antrean (TV)' }).click();
    await display.locator('[data-service-code="A"]').getByText('2 menunggu').waitFor();
    await expectAccessibleAndKeyboardReachable(display);
  });

  it('operator: calls next; the board shows and announces it and the patient moves up', async () => {
    operator = await browser.context.newPage();
    await operator.goto(`${baseUrl}/operator`);
    await operator.getByLabel('Email').fill(setting('SEED_OPERATOR_EMAIL'));
    await operator.getByLabel('Kata sandi').fill(setting('SEED_OPERATOR_PASSWORD'));
    await operator.getByRole('button', { name: 'Masuk' }).click();
    await operator.getByLabel('Layanan').selectOption(serviceA.id);
    await operator.getByLabel('Loket').fill('Loket 2');
    await expectAccessibleAndKeyboardReachable(operator);
    await operator.getByRole('button', { name: 'Mulai', exact: true }).click();
    await operator.getByTestId('waiting-row').nth(1).waitFor();

    await operator.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await operator.getByTestId('operator-current').getByText(firstNumber).waitFor();
    await display.getByTestId('now-serving').getByText(firstNumber).waitFor();
    await patient.getByTestId('patient-ahead').getByText('Anda berikutnya!').waitFor();
    await display.waitForFunction((text) => (window as any).__spoken.some((u: { text: string }) => u.text === text), `Nomor antrian ${firstNumber}, silakan ke loket 2`);

    await operator.getByRole('button', { name: 'Mulai layani' }).click();
    await operator.getByRole('button', { name: 'Selesai' }).click();
    await operator.getByText('Belum ada pasien dipanggil.').waitFor();
    await operator.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await operator.getByTestId('operator-current').getByText(kioskNumber).waitFor();
    // The called patient's record: staff correct an identity field with a reason, and it is on the record.
    const record = operator.getByTestId('patient-record');
    await record.getByTestId('patient-identity').getByText(CARD.nama).waitFor();
    await record.getByRole('button', { name: /Koreksi identitas/ }).click();
    await record.getByLabel('Tempat lahir').fill('MEDAN');
    await record.getByLabel('Alasan koreksi (wajib)').fill('Tempat lahir dicocokkan dengan KTP asli');
    await record.getByRole('button', { name: 'Simpan koreksi' }).click();
    await record.getByText('Koreksi disimpan dan dicatat di riwayat.').waitFor();
    await record.getByRole('button', { name: /Riwayat data/ }).click();
    await record.getByTestId('record-history').getByText(/Identitas dikoreksi · Tempat lahir .*→ MEDAN · STAFF · "Tempat lahir dicocokkan dengan KTP asli"/).waitFor();
    await screenshot(operator, 'operator');
    await expectAccessibleAndKeyboardReachable(operator);

    // The board shows the kiosk's number and speaks both calls, in order, in Indonesian.
    await display.getByTestId('now-serving').getByText(kioskNumber).waitFor();
    await display.waitForFunction((text) => (window as any).__spoken.some((u: { text: string }) => u.text === text), `Nomor antrian ${kioskNumber}, silakan ke loket 2`);
    // "Panggil ulang" announces the same number again, after the first two.
    await operator.getByRole('button', { name: 'Panggil ulang' }).click();
    await display.waitForFunction(() => (window as any).__spoken.length === 3);
    expect(await spoken(display)).toEqual([
      `id-ID|Nomor antrian ${firstNumber}, silakan ke loket 2`,
      `id-ID|Nomor antrian ${kioskNumber}, silakan ke loket 2`,
      `id-ID|Nomor antrian ${kioskNumber}, silakan ke loket 2`,
    ]);
    await operator.getByTestId('operator-current').getByText(kioskNumber).waitFor();
    await screenshot(display, 'display');

    await patient.getByTestId('patient-ticket').getByText('Nomor Anda dipanggil! Silakan ke Loket 2.').waitFor();
    await screenshot(patient, 'patient-called');

    // Transfer to Poli Gigi: the ticket leaves this counter and waits there, keeping its arrival.
    await operator.getByLabel('Transfer ke layanan').selectOption(gigi.id);
    await operator.getByRole('button', { name: 'Transfer', exact: true }).click();
    await operator.getByText('Belum ada pasien dipanggil.').waitFor();
    await display.locator('[data-service-code="B"]').getByText('1 menunggu').waitFor();
    const newNumber = patient.getByTestId('patient-ticket').getByText(/^B-\d{3}$/);
    await newNumber.waitFor();
    transferredNumber = (await newNumber.textContent())!.trim();
  });

  it('kiosk: a full poli tile says "Penuh" and cannot be chosen', async () => {
    const login = await fetch(`${baseUrl}/api/auth/login/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: setting('SEED_ADMIN_EMAIL'), password: setting('SEED_ADMIN_PASSWORD') }),
    });
    const headers = { authorization: `Bearer ${(await login.json()).accessToken}`, 'content-type': 'application/json' };
    const setQuota = (dailyQuota: number | null) =>
      fetch(`${baseUrl}/api/institutions/${seed.institution.id}/services/${gigi.id}`, { method: 'PATCH', headers, body: JSON.stringify({ dailyQuota }) });
    // A patient at the kiosk chose Poli Gigi and types the card...
    await kiosk.reload();
    await kiosk.locator('.service-tile[data-service-code="B"]').click();
    await kiosk.getByRole('button', { name: 'Ketik data manual' }).click();
    await kiosk.locator('input[name="nik"]').fill('3171014508900004');
    await kiosk.locator('input[name="nama"]').fill('PASIEN KEEMPAT');
    // ...while Poli Gigi, which has issued one ticket today (the transferred one), gets a quota of 1.
    expect((await setQuota(1)).status).toBe(200);
    try {
      await kiosk.getByRole('button', { name: 'Benar, ambil nomor antrean' }).click();
      await kiosk
        .getByRole('alert')
        .filter({ hasText: 'Kuota antrean layanan ini untuk hari ini sudah penuh. Silakan pilih layanan lain atau datang besok.' })
        .waitFor();
      await screenshot(kiosk, 'kiosk-quota-full');
      await kiosk.getByRole('button', { name: 'Batal' }).click();
      await kiosk.reload();
      const tile = kiosk.locator('.service-tile[data-service-code="B"]');
      await tile.getByText('Penuh — kuota hari ini habis').waitFor();
      expect(await tile.isDisabled()).toBe(true);
      expect(await kiosk.locator('.service-tile[data-service-code="A"]').isDisabled()).toBe(false);
      await screenshot(kiosk, 'kiosk-full-tile');
      await expectAccessibleAndKeyboardReachable(kiosk);
    } finally {
      expect((await setQuota(gigi.dailyQuota)).status).toBe(200);
    }
  });

  it('operator: after a reload during service the console shows the patient; "Tidak hadir" asks first and a no-show can be reinstated; the board highlights the newest call', async () => {
    const serving = await takeTicketByHand('3171014508900002', 'PASIEN KEDUA');
    const absent = await takeTicketByHand('3171014508900003', 'PASIEN KETIGA');
    await operator.getByTestId('waiting-row').filter({ hasText: absent }).waitFor();

    // Shortcuts: N calls next, M starts the service.
    await operator.keyboard.press('n');
    await operator.getByTestId('operator-current').getByText(serving).waitFor();
    const newest = display.getByTestId('newest-call');
    await newest.getByText(serving).waitFor();
    await newest.getByText('Loket 2').waitFor();
    expect(await display.getByTestId('recent-call').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(kioskNumber)]));
    await screenshot(display, 'display-newest-call');
    await operator.keyboard.press('m');
    await operator.getByText('Dilayani · Biasa').waitFor();

    // A reload (or a crashed browser) during the service: the console shows the operator's own patient again.
    await operator.reload();
    await operator.getByTestId('operator-current').getByText(serving).waitFor();
    await operator.getByText('Dilayani · Biasa').waitFor();
    // Calling the next patient while one is in service is refused, in Indonesian, naming the patient held.
    await operator.getByRole('button', { name: /Panggil berikutnya/ }).click();
    await operator.getByRole('alert').filter({ hasText: `Anda masih melayani ${serving}.` }).waitFor();
    expect(await operator.getByRole('alert').filter({ hasText: 'OPERATOR_BUSY' }).count()).toBe(0);
    await operator.keyboard.press('s');
    await operator.getByText('Belum ada pasien dipanggil.').waitFor();

    // "Tidak hadir" asks first; cancelling changes nothing.
    await operator.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await operator.getByTestId('operator-current').getByText(absent).waitFor();
    await operator.getByRole('button', { name: 'Tidak hadir' }).click();
    const confirm = operator.getByTestId('no-show-confirm');
    await confirm.getByText(`Tandai ${absent} tidak hadir?`, { exact: false }).waitFor();
    await expectAccessibleAndKeyboardReachable(operator);
    await confirm.getByRole('button', { name: 'Batal' }).click();
    await operator.getByTestId('operator-current').getByText(absent).waitFor();
    expect(await confirm.count()).toBe(0);
    await operator.getByRole('button', { name: 'Tidak hadir' }).click();
    await operator.getByRole('button', { name: 'Ya, tidak hadir' }).click();
    await operator.getByText('Belum ada pasien dipanggil.').waitFor();

    // The patient was in the toilet: back in line from the "Tidak hadir" list, next to be called.
    const row = operator.getByTestId('no-show-row').filter({ hasText: absent });
    await row.getByRole('button', { name: `Kembalikan ke antrean ${absent}` }).click();
    await operator.getByText(`${absent} kembali ke antrean sebagai berikutnya.`).waitFor();
    await operator.getByTestId('waiting-row').first().getByRole('rowheader', { name: absent }).waitFor();
    expect(await operator.getByTestId('no-show-row').filter({ hasText: absent }).count()).toBe(0);
    await screenshot(operator, 'operator-reinstated');
  });

  it('admin: sees the stats, revokes the kiosk key, and the kiosk says it is not registered', async () => {
    admin = await browser.context.newPage();
    await admin.goto(`${baseUrl}/admin`);
    await admin.getByLabel('Email').fill(setting('SEED_ADMIN_EMAIL'));
    await admin.getByLabel('Kata sandi').fill(setting('SEED_ADMIN_PASSWORD'));
    await admin.getByRole('button', { name: 'Masuk' }).click();
    await admin.getByRole('link', { name: 'Layanan' }).click();
    await admin.getByRole('heading', { name: /Poli Umum/ }).waitFor();
    await screenshot(admin, 'admin-services');
    await expectAccessibleAndKeyboardReachable(admin);

    await admin.getByRole('link', { name: 'Statistik' }).click();
    await admin.locator('canvas').first().waitFor();
    await screenshot(admin, 'admin-stats');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    await admin.getByRole('link', { name: 'Kunci kiosk' }).click();
    await admin.getByRole('button', { name: 'Cabut Demo kiosk' }).click();
    // Revoking cannot be undone: it asks first.
    await admin.getByText('Cabut kunci Demo kiosk?', { exact: false }).waitFor();
    await admin.getByRole('button', { name: 'Ya, cabut' }).click();
    await admin.getByTestId('kiosk-key-row').getByText(/^Dicabut/).waitFor();
    await screenshot(admin, 'admin-kiosk-keys');
    await expectAccessibleAndKeyboardReachable(admin);

    await kiosk.reload();
    await kiosk.getByTestId('kiosk-unregistered').getByText('Perangkat tidak terdaftar').waitFor();
    await screenshot(kiosk, 'kiosk-unregistered');
    expect(await seriousAccessibilityViolations(kiosk)).toEqual([]);
  });

  it('admin: adds an operator in the staff panel, who signs in at the operator screen and calls', async () => {
    await admin.getByRole('link', { name: 'Staf', exact: true }).click();
    const form = admin.getByRole('form', { name: 'Tambah staf' });
    await form.waitFor();
    await expectAccessibleAndKeyboardReachable(admin);
    await form.getByLabel('Peran').selectOption('OPERATOR');
    await form.getByLabel('Nama', { exact: true }).fill(NEW_OPERATOR.name);
    await form.getByLabel('Email').fill(NEW_OPERATOR.email);
    await form.getByLabel('Kata sandi').fill(NEW_OPERATOR.password);
    await form.getByRole('button', { name: 'Tambah staf' }).click();
    const row = admin.getByRole('row', { name: new RegExp(NEW_OPERATOR.name) });
    await row.getByRole('cell', { name: NEW_OPERATOR.email }).waitFor();
    await row.getByRole('cell', { name: 'Operator (petugas loket)', exact: true }).waitFor();
    await screenshot(admin, 'admin-staff');
    await expectAccessibleAndKeyboardReachable(admin);

    // The operator screen keeps its session per tab: a new tab at the Poli Gigi counter starts signed out.
    const desk = await browser.context.newPage();
    await desk.goto(`${baseUrl}/operator`);
    await desk.getByLabel('Email').fill(NEW_OPERATOR.email);
    await desk.getByLabel('Kata sandi').fill(NEW_OPERATOR.password);
    await desk.getByRole('button', { name: 'Masuk' }).click();
    await desk.getByLabel('Layanan').selectOption(gigi.id);
    await desk.getByLabel('Loket').fill('Loket 4');
    await desk.getByRole('button', { name: 'Mulai', exact: true }).click();
    await desk.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await desk.getByTestId('operator-current').getByText(transferredNumber).waitFor();
    await expectAccessibleAndKeyboardReachable(desk);
  });

  it("admin: resets the new operator's password; the operator signs in with the one-time password and sets their own", async () => {
    const row = admin.getByTestId('staff-row').filter({ hasText: NEW_OPERATOR.email });
    await row.getByRole('button', { name: `Reset kata sandi ${NEW_OPERATOR.name}` }).click();
    await row.getByRole('button', { name: 'Ya, reset' }).click();
    const issued = admin.getByTestId('one-time-password');
    const oneTimePassword = (await issued.locator('code').textContent())!.trim();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    await expectAccessibleAndKeyboardReachable(admin);
    await issued.getByRole('button', { name: 'Sudah diberikan' }).click();

    const page = await browser.context.newPage();
    try {
      await page.goto(`${baseUrl}/operator`);
      await page.getByLabel('Email').fill(NEW_OPERATOR.email);
      await page.getByLabel('Kata sandi', { exact: true }).fill(oneTimePassword);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByText('Kata sandi ini hanya untuk sekali pakai dari admin.', { exact: false }).waitFor();
      // A weak choice is refused with the reason, in Indonesian.
      await page.getByLabel(/^Kata sandi baru /).fill('password1234');
      await page.getByLabel('Ulangi kata sandi baru').fill('password1234');
      await page.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
      await page.getByText('tidak boleh mudah ditebak', { exact: false }).waitFor();
      await page.getByLabel(/^Kata sandi baru /).fill(NEW_OPERATOR_OWN_PASSWORD);
      await page.getByLabel('Ulangi kata sandi baru').fill(NEW_OPERATOR_OWN_PASSWORD);
      await page.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
      await page.getByLabel('Layanan').waitFor();
    } finally {
      await page.close();
    }
  });

  it('admin: disables the new operator, whose console is signed out at once and who cannot sign in again', async () => {
    const row = admin.getByTestId('staff-row').filter({ hasText: NEW_OPERATOR.email });
    await row.getByRole('button', { name: `Nonaktifkan ${NEW_OPERATOR.name}` }).click();
    await row.getByText(`Nonaktifkan akun ${NEW_OPERATOR.name}?`, { exact: false }).waitFor();
    await row.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await row.getByRole('cell', { name: 'Nonaktif', exact: true }).waitFor();
    await row.getByRole('button', { name: `Aktifkan ${NEW_OPERATOR.name}` }).waitFor();
    await screenshot(admin, 'admin-staff-disabled');
    await expectAccessibleAndKeyboardReachable(admin);

    const desk = admin.context().pages().find((page) => page.url().includes('/operator') && page !== operator)!;
    await desk.reload();
    await desk.getByLabel('Email').fill(NEW_OPERATOR.email);
    await desk.getByLabel('Kata sandi').fill(NEW_OPERATOR_OWN_PASSWORD);
    await desk.getByRole('button', { name: 'Masuk' }).click();
    await desk.getByText('Akun ini dinonaktifkan oleh admin faskes.', { exact: false }).waitFor();
  });
});
