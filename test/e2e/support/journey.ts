/**
 * What the end-to-end journeys share: the platform the global setup started (its URL and seeded demo
 * institution), sign-in for staff and patients, the kiosk's calls and the synthetic KTP photos.
 * Everything goes through the public HTTP API, as the web clients do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type {
  AddToQueueReply,
  InstitutionView,
  LoginReply,
  QueueStats,
  ScanView,
  ServiceView,
  UserView,
  UserWithWarnings,
} from '@mediq/contracts';
import { apiClient, ApiResponse, bearer } from '../../../gateway/test/support/http';

export { testNik } from '../../../gateway/test/support/http';

const { SEED_DEFAULTS } = require('../../../scripts/lib/seed') as { SEED_DEFAULTS: Record<string, string> };

export const baseUrl = process.env.E2E_BASE_URL!;
export const seed = JSON.parse(process.env.E2E_SEED!) as { institution: InstitutionView; services: ServiceView[] };
export const institutionId = seed.institution.id;
export const api = apiClient(baseUrl);

/** A seed setting (credentials, kiosk key): the environment's value when set, as the seed used it, else the development default. */
export function seedSetting(name: keyof typeof SEED_DEFAULTS): string {
  return process.env[name] || SEED_DEFAULTS[name];
}

/** One of the demo institution's seeded services by its ticket prefix (A Poli Umum, B Poli Gigi, C KIA). */
export function seededService(code: string): ServiceView {
  const service = seed.services.find((candidate) => candidate.code === code);
  if (!service) throw new Error(`the seed has no service ${code}`);
  return service;
}

/**
 * The answer's body when its status is `status`; otherwise the assertion fails showing the status and
 * the body (the gateway's message says what went wrong).
 */
export function expectStatus<T>(response: ApiResponse<T>, status: number): T {
  expect({ status: response.status, body: response.body }).toEqual({ status, body: response.body });
  return response.body;
}

export interface SignedIn {
  user: UserView;
  accessToken: string;
  /** `{ authorization: 'Bearer ...' }` for the signed-in person's requests. */
  headers: { authorization: string };
}

function signedIn(reply: LoginReply): SignedIn {
  return { user: reply.user, accessToken: reply.accessToken, headers: bearer(reply.accessToken) };
}

/** Staff sign-in with e-mail and password (POST /api/auth/login/admin). */
export async function signInStaff(email: string, password: string): Promise<SignedIn> {
  return signedIn(expectStatus(await api<LoginReply>('POST', '/auth/login/admin', { body: { email, password } }), 200));
}

export const signInSeededAdmin = () => signInStaff(seedSetting('SEED_ADMIN_EMAIL'), seedSetting('SEED_ADMIN_PASSWORD'));
export const signInSeededOperator = () => signInStaff(seedSetting('SEED_OPERATOR_EMAIL'), seedSetting('SEED_OPERATOR_PASSWORD'));

/** Patient sign-in with the NIK and the name as printed on the KTP (POST /api/auth/login/user). */
export async function signInPatient(nik: string, name: string): Promise<SignedIn> {
  return signedIn(expectStatus(await api<LoginReply>('POST', '/auth/login/user', { body: { nik, name } }), 200));
}

export function kioskHeaders(key = seedSetting('SEED_KIOSK_API_KEY')): { 'x-api-key': string } {
  return { 'x-api-key': key };
}

/** Registers a patient as a kiosk or staff member does for a card typed by hand (POST /api/users). */
export async function registerPatient(headers: Record<string, string>, patient: { nik: string; name: string }): Promise<UserView> {
  const response = await api<UserWithWarnings>('POST', '/users', { headers: { ...headers, 'idempotency-key': randomUUID() }, body: patient });
  return expectStatus(response, 201).user;
}

/** Takes a ticket for a patient in a service of the demo institution (POST /api/queue). */
export async function takeTicket(headers: Record<string, string>, patientUserId: string, serviceId: string): Promise<AddToQueueReply['ticket']> {
  const response = await api<AddToQueueReply>('POST', '/queue', { headers, body: { institutionId, serviceId, patientUserId } });
  return expectStatus(response, 201).ticket;
}

/** Today's queue statistics of one service, as the operator console and the admin's charts read them. */
export async function serviceStats(headers: Record<string, string>, serviceId: string): Promise<QueueStats> {
  return expectStatus(await api<QueueStats>('GET', `/queue/stats?institutionId=${institutionId}&serviceId=${serviceId}`, { headers }), 200);
}

const CARDS = path.resolve(__dirname, '../../../services/ocr-engine/test/fixtures/cards');

/** A synthetic KTP photo from the OCR engine's fixtures and what the card really says (its label file). */
export function ktpCard(name: string): { image: Buffer; fields: Record<string, string> } {
  const fields = JSON.parse(readFileSync(path.join(CARDS, name.replace(/\.\w+$/, '.json')), 'utf8')).fields as Record<string, string>;
  return { image: readFileSync(path.join(CARDS, name)), fields };
}

/** The kiosk sends a photo of the card (multipart POST /api/ocr/upload); the engine reads it. */
export async function uploadCard(headers: Record<string, string>, image: Buffer, filename: string): Promise<ApiResponse<ScanView>> {
  const form = new FormData();
  form.append('file', new Blob([image]), filename);
  const response = await fetch(`${baseUrl}/api/ocr/upload`, { method: 'POST', headers, body: form });
  return { status: response.status, body: (await response.json()) as ScanView, headers: response.headers };
}
