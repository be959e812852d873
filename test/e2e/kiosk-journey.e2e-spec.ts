/**
 * A patient's visit through the kiosk, on the platform as `npm start` runs it: the kiosk sends a photo
 * of a synthetic KTP (the ocr-engine process really runs its ONNX models; this test only speaks HTTP,
 * so it needs no ONNX test environment), the patient confirms the fields and gets a ticket, signs in
 * on their phone with NIK + name and sees where they stand, and the waiting-room board lists the number.
 *
 * The journey owns Poli Umum (A) of the demo institution: the other journeys use other services.
 */
import type { ConfirmScanReply, CurrentQueueReply, TicketWithPosition } from '@mediq/contracts';
import { api, expectStatus, institutionId, kioskHeaders, ktpCard, registerPatient, seededService, signInPatient, takeTicket, testNik, uploadCard } from './support/journey';

const poliUmum = seededService('A');
const kiosk = kioskHeaders();
const CARD = 'ktp-scan-clean.jpg';

describe('kiosk journey: KTP photo -> ticket -> the patient follows it -> the board lists it', () => {
  let walkIn: TicketWithPosition;
  let confirmed: ConfirmScanReply;

  beforeAll(async () => {
    // Someone is already waiting at Poli Umum: a card typed by hand at the kiosk (the birth year keeps
    // this journey's NIKs apart from the other journeys', which run at the same time).
    const earlier = await registerPatient(kiosk, { nik: testNik({ year: 1978 }), name: 'PASIEN SEBELUMNYA' });
    walkIn = await takeTicket(kiosk, earlier.id, poliUmum.id);
  });

  it('the kiosk reads the KTP photo, and confirming registers the patient and issues a ticket', async () => {
    const card = ktpCard(CARD);
    const scan = expectStatus(await uploadCard(kiosk, card.image, CARD), 201);
    expect(scan).toMatchObject({ status: 'PENDING_CONFIRMATION', cardType: 'KTP', patientExists: false });
    expect(scan.fields.nik).toBe(card.fields.nik);

    // The patient checks the fields on screen and corrects anything misread: the card's true values.
    const confirm = await api<ConfirmScanReply>('POST', '/ocr/confirm', {
      headers: kiosk,
      body: { scanId: scan.scanId, fields: card.fields, institutionId, serviceId: poliUmum.id },
    });
    confirmed = expectStatus(confirm, 201);
    expect(confirmed.patientCreated).toBe(true);
    // A kiosk is a public screen: the answer names the patient by id only and carries no session.
    expect(Object.keys(confirmed)).not.toEqual(expect.arrayContaining(['user']));
    expect(JSON.stringify(confirmed)).not.toMatch(/refreshToken|accessToken/);
    expect(confirmed.followUrl).toBe(`/antrian?follow=${confirmed.followToken}`);
    // The card's holder was born in 1958: lansia from the printed birth date, so ahead of the walk-in.
    expect(confirmed.ticket).toMatchObject({
      status: 'WAITING',
      serviceId: poliUmum.id,
      patientUserId: confirmed.patientId,
      source: 'KIOSK',
      priority: 'HIGH',
      category: 'LANSIA',
      ahead: 0,
    });
    expect(confirmed.ticket.displayNumber).toMatch(/^A-\d{3}$/);
    expect(confirmed.ticket.displayNumber).not.toBe(walkIn.displayNumber);
  });

  it('the patient signs in on their phone with NIK + name and sees the ticket with position and ETA', async () => {
    const card = ktpCard(CARD);
    // The name as the patient types it: case and punctuation differ from the card, and do not matter.
    const typedName = card.fields.nama.toLowerCase().replace(/[.,]/g, '');
    expect(typedName).not.toBe(card.fields.nama);
    const patient = await signInPatient(card.fields.nik, typedName);
    expect(patient.user).toMatchObject({ id: confirmed.patientId, role: 'PASIEN', nik: card.fields.nik, name: card.fields.nama });

    const mine = expectStatus(await api<TicketWithPosition[]>('GET', '/queue/my-queue', { headers: patient.headers }), 200);
    expect(mine).toEqual([
      expect.objectContaining({
        id: confirmed.ticket.id,
        displayNumber: confirmed.ticket.displayNumber,
        status: 'WAITING',
        // Lansia: nobody is ahead, so nobody's service is waited for.
        ahead: 0,
        etaMinutes: 0,
      }),
    ]);

    // A wrong name does not sign in with that NIK.
    const stranger = await api('POST', '/auth/login/user', { body: { nik: card.fields.nik, name: 'ORANG LAIN' } });
    expect(stranger.status).toBe(401);
  });

  it("the display board's current view lists both numbers in call order, without who holds them", async () => {
    const board = expectStatus(await api<CurrentQueueReply>('GET', `/queue/institution/${institutionId}/current`), 200);
    const umum = board.services.find((service) => service.serviceId === poliUmum.id);
    expect(umum).toEqual({
      serviceId: poliUmum.id,
      nowServing: [],
      next: [
        { displayNumber: confirmed.ticket.displayNumber, serviceId: poliUmum.id, status: 'WAITING', counter: null, priority: 'HIGH', category: 'LANSIA' },
        { displayNumber: walkIn.displayNumber, serviceId: poliUmum.id, status: 'WAITING', counter: null, priority: 'NORMAL', category: null },
      ],
      waiting: 2,
    });
  });
});
