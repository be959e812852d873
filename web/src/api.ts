/**
 * Typed client of the gateway's public HTTP API. Request and reply types come from
 * @mediq/contracts, the same types the gateway and services use, so the pages cannot drift from
 * the API without failing the type check.
 */
import type {
  ConfirmScanReply,
  ConfirmScanRequest,
  CurrentQueueReply,
  InstitutionView,
  IssuedKioskKey,
  KioskKeyView,
  LoginReply,
  Page,
  QueueStats,
  ScanView,
  ServiceView,
  TicketStatus,
  TicketStatusUpdate,
  TicketView,
  TicketWithPosition,
  TokenPair,
  UpdateInstitutionRequest,
  UpdateServiceRequest,
  UserView,
  CreateServiceRequest,
  CallNextReply,
  FollowedTicketView,
  TemporaryPasswordReply,
  PatientRecordView,
  CorrectIdentityRequest,
  OperatorActiveReply,
  WaitingLineReply,
  ServiceTile,
} from '@mediq/contracts';

/** An answer other than 2xx: the gateway's `{statusCode, code, message, requestId, details?}` body (status 0: unreachable). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly details?: Record<string, unknown>,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** How a request proves who sends it: a kiosk's x-api-key or a signed-in person's access token. */
export type Credentials = { kioskKey: string } | { accessToken: string } | null;

interface RequestOptions {
  credentials?: Credentials;
  body?: unknown;
  form?: FormData;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const credentials = options.credentials;
  if (credentials && 'kioskKey' in credentials) headers['x-api-key'] = credentials.kioskKey;
  if (credentials && 'accessToken' in credentials) headers.authorization = `Bearer ${credentials.accessToken}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const query = options.query
    ? '?' + new URLSearchParams(Object.entries(options.query).filter((e): e is [string, string] => e[1] !== undefined).map(([k, v]) => [k, String(v)])).toString()
    : '';
  let response: Response;
  try {
    response = await fetch(`/api${path}${query}`, { method, headers, body });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const body = (data && typeof data === 'object' ? data : {}) as { message?: unknown; code?: unknown; details?: unknown; requestId?: unknown };
    throw new ApiError(
      response.status,
      typeof body.message === 'string' ? body.message : response.statusText,
      typeof body.code === 'string' ? body.code : undefined,
      body.details && typeof body.details === 'object' ? (body.details as Record<string, unknown>) : undefined,
      typeof body.requestId === 'string' ? body.requestId : undefined,
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface KioskSession {
  kioskKeyId: string;
  institutionId: string;
}

export interface TicketListQuery {
  institutionId: string;
  serviceId?: string;
  status?: TicketStatus;
  date?: string;
  page?: number;
  pageSize?: number;
}

/** Every route the web clients use, typed with the contracts' request and reply types. */
export const api = {
  // auth
  loginStaff: (email: string, password: string, totpCode?: string) =>
    request<LoginReply>('POST', '/auth/login/admin', { body: { email, password, ...(totpCode ? { totpCode } : {}) } }),
  loginPatient: (nik: string, name: string) => request<LoginReply>('POST', '/auth/login/user', { body: { nik, name } }),
  /** Staff set their own password (after a one-time password from an administrator); answers a new session. */
  changePassword: (body: { email: string; currentPassword: string; newPassword: string; totpCode?: string }) =>
    request<LoginReply>('POST', '/auth/password', { body }),
  refresh: (refreshToken: string) => request<TokenPair>('POST', '/auth/refresh', { body: { refreshToken } }),
  logout: (refreshToken: string) => request<{ loggedOut: true }>('POST', '/auth/logout', { body: { refreshToken } }),
  me: (credentials: Credentials) => request<UserView>('GET', '/users/me', { credentials }),

  // kiosk
  kioskSession: (kioskKey: string) => request<KioskSession>('GET', '/kiosk/session', { credentials: { kioskKey } }),
  uploadScan: (credentials: Credentials, image: Blob) => {
    const form = new FormData();
    form.append('file', image, 'ktp.jpg');
    return request<ScanView>('POST', '/ocr/upload', { credentials, form });
  },
  cancelScan: (credentials: Credentials, scanId: string) => request<unknown>('DELETE', `/ocr/temp/${scanId}`, { credentials }),
  confirmScan: (credentials: Credentials, body: ConfirmScanRequest) => request<ConfirmScanReply>('POST', '/ocr/confirm', { credentials, body }),
  /** A printed ticket's follow link: the ticket's public view, no sign-in. */
  followTicket: (followToken: string) => request<FollowedTicketView>('GET', `/queue/follow/${encodeURIComponent(followToken)}`),

  // institutions (reads are public)
  institution: (id: string) => request<InstitutionView>('GET', `/institutions/${id}`),
  searchInstitutions: (q: string) => request<Page<InstitutionView>>('GET', '/institutions/search', { query: { q, pageSize: 10 } }),
  services: (institutionId: string, includeInactive = false) =>
    request<ServiceTile[]>('GET', `/institutions/${institutionId}/services`, { query: includeInactive ? { includeInactive: 'true' } : undefined }),
  updateInstitution: (credentials: Credentials, { id, ...body }: UpdateInstitutionRequest) =>
    request<InstitutionView>('PATCH', `/institutions/${id}`, { credentials, body }),
  createService: (credentials: Credentials, { institutionId, ...body }: CreateServiceRequest) =>
    request<ServiceView>('POST', `/institutions/${institutionId}/services`, { credentials, body }),
  updateService: (credentials: Credentials, { institutionId, serviceId, ...body }: UpdateServiceRequest) =>
    request<ServiceView>('PATCH', `/institutions/${institutionId}/services/${serviceId}`, { credentials, body }),

  // queue
  board: (institutionId: string) => request<CurrentQueueReply>('GET', `/queue/institution/${institutionId}/current`),
  ticket: (credentials: Credentials, id: string) => request<TicketWithPosition>('GET', `/queue/${id}`, { credentials }),
  myQueue: (credentials: Credentials) => request<TicketWithPosition[]>('GET', '/queue/my-queue', { credentials }),
  tickets: (credentials: Credentials, query: TicketListQuery) => request<Page<TicketView>>('GET', '/queue', { credentials, query: { ...query } }),
  /** A service's waiting tickets in the order call-next calls them (the first 100), and how many wait. */
  waitingLine: (credentials: Credentials, institutionId: string, serviceId: string) =>
    request<WaitingLineReply>('GET', `/queue/institution/${institutionId}/waiting`, { credentials, query: { serviceId } }),
  stats: (credentials: Credentials, query: { institutionId: string; serviceId?: string; date?: string }) =>
    request<QueueStats>('GET', '/queue/stats', { credentials, query }),
  callNext: (credentials: Credentials, institutionId: string, serviceId: string, counter: string) =>
    request<CallNextReply | undefined>('POST', `/queue/institution/${institutionId}/next`, { credentials, body: { serviceId, counter } }),
  /** Calls one particular waiting ticket to `counter`. */
  callTicket: (credentials: Credentials, id: string, counter: string) => request<TicketWithPosition>('POST', `/queue/${id}/call`, { credentials, body: { counter } }),
  setStatus: (credentials: Credentials, id: string, status: TicketStatusUpdate) =>
    request<TicketWithPosition>('PATCH', `/queue/${id}/status`, { credentials, body: { status } }),
  transfer: (credentials: Credentials, id: string, serviceId: string) =>
    request<{ from: TicketView; to: TicketWithPosition }>('POST', `/queue/${id}/transfer`, { credentials, body: { serviceId } }),
  /** A no-show of today back to WAITING, next in line. */
  reinstate: (credentials: Credentials, id: string) => request<TicketWithPosition>('POST', `/queue/${id}/reinstate`, { credentials }),
  /** The signed-in operator's own ticket called or in service (after a reload). */
  myActiveTicket: (credentials: Credentials) => request<OperatorActiveReply>('GET', '/queue/mine/active', { credentials }),

  // patients' record keeping (staff of an institution the patient visited)
  patient: (credentials: Credentials, id: string) => request<UserView>('GET', `/users/${id}`, { credentials }),
  patientRecord: (credentials: Credentials, id: string) => request<PatientRecordView>('GET', `/users/${id}/record`, { credentials }),
  correctIdentity: (credentials: Credentials, { id, ...body }: CorrectIdentityRequest) =>
    request<PatientRecordView & { user: UserView }>('POST', `/users/${id}/identity-corrections`, { credentials, body }),

  // staff and kiosk keys (ADMIN_FASKES)
  /** A one-time password for a staff member of the institution, to be changed at their next sign-in. */
  resetStaffPassword: (credentials: Credentials, id: string) => request<TemporaryPasswordReply>('POST', `/users/${id}/password-reset`, { credentials }),
  users: (credentials: Credentials, query: { role?: string; page?: number; pageSize?: number }) =>
    request<Page<UserView>>('GET', '/users', { credentials, query }),
  createStaff: (credentials: Credentials, body: { role: 'OPERATOR' | 'ADMIN_FASKES'; name: string; email: string; password: string }, idempotencyKey: string) =>
    request<UserView>('POST', '/users/staff', { credentials, body, headers: { 'idempotency-key': idempotencyKey } }),
  kioskKeys: (credentials: Credentials) => request<KioskKeyView[]>('GET', '/kiosk-keys', { credentials }),
  issueKioskKey: (credentials: Credentials, label: string) => request<IssuedKioskKey>('POST', '/kiosk-keys', { credentials, body: { label } }),
  /** Disables (or enables) a staff account; disabling ends its sessions at once. */
  setUserDisabled: (credentials: Credentials, id: string, disabled: boolean) =>
    request<{ user: UserView }>('PATCH', `/users/${id}`, { credentials, body: { disabled } }),
  revokeKioskKey: (credentials: Credentials, id: string) => request<KioskKeyView>('DELETE', `/kiosk-keys/${id}`, { credentials }),
};
