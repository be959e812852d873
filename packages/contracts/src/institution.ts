import { Page, PageQuery, rpc } from './rpc';

export type InstitutionType = 'PUSKESMAS' | 'KLINIK' | 'RUMAH_SAKIT' | 'LAINNYA';
export const INSTITUTION_TYPES: readonly InstitutionType[] = ['PUSKESMAS', 'KLINIK', 'RUMAH_SAKIT', 'LAINNYA'];

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Local opening periods per weekday ("HH:MM" in the institution's timezone); a missing day is closed. */
export type OpeningHours = Partial<Record<Weekday, Array<{ open: string; close: string }>>>;

export interface InstitutionView {
  id: string;
  code: string;
  name: string;
  type: InstitutionType;
  address: string | null;
  kelurahan: string | null;
  kecamatan: string | null;
  city: string | null;
  province: string | null;
  phone: string | null;
  email: string | null;
  timezone: string;
  /** Age (years) from which a patient is lansia (elderly): their ticket goes to the priority lane. Default 60. */
  lansiaAge: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceView {
  id: string;
  institutionId: string;
  /** 1-3 upper-case letters: the ticket prefix. */
  code: string;
  name: string;
  description: string | null;
  dailyQuota: number | null;
  openingHours: OpeningHours;
  averageServiceMinutes: number;
  /** The fewest minutes per patient a waiting time estimate may assume (default 2). */
  minServiceMinutes: number;
  /**
   * The call ratio while both lanes wait: `priorityLaneCalls` calls from the priority lane (HIGH: lansia,
   * ibu hamil, disabilitas, anak balita), then `generalLaneCalls` from the general lane (NORMAL, LOW).
   * Both null: strict priority. URGENT is always called first.
   */
  priorityLaneCalls: number | null;
  generalLaneCalls: number | null;
  active: boolean;
}

/** A service as listed (GET /institutions/:id/services): whether it is open now, and when it opens next. */
export interface ServiceListing extends ServiceView {
  openNow: boolean;
  /** When closed: the next local opening within a week (null when open, or when it never opens). */
  nextOpening: { localDate: string; weekday: Weekday; time: string } | null;
}

/**
 * What the gateway answers for each service: the listing plus the tickets it may still issue today
 * (null: no quota, or the queue did not answer in time; the queue still refuses a full service).
 */
export interface ServiceTile extends ServiceListing {
  ticketsLeftToday: number | null;
}

export type CreateInstitutionRequest = Pick<InstitutionView, 'code' | 'name' | 'type'> &
  Partial<Pick<InstitutionView, 'address' | 'kelurahan' | 'kecamatan' | 'city' | 'province' | 'phone' | 'email' | 'timezone' | 'lansiaAge'>>;
export type UpdateInstitutionRequest = { id: string } & Partial<Omit<CreateInstitutionRequest, 'code'>> & { active?: boolean };

export interface ListInstitutionsRequest extends PageQuery {
  city?: string;
  province?: string;
  type?: InstitutionType;
  active?: boolean;
}

export interface SearchInstitutionsRequest extends PageQuery {
  q: string;
}

export type CreateServiceRequest = { institutionId: string } & Pick<ServiceView, 'code' | 'name'> &
  Partial<Pick<ServiceView, 'description' | 'dailyQuota' | 'openingHours' | 'averageServiceMinutes' | 'minServiceMinutes' | 'priorityLaneCalls' | 'generalLaneCalls'>>;
export type UpdateServiceRequest = { institutionId: string; serviceId: string } & Partial<
  Pick<ServiceView, 'name' | 'description' | 'dailyQuota' | 'openingHours' | 'averageServiceMinutes' | 'minServiceMinutes' | 'priorityLaneCalls' | 'generalLaneCalls' | 'active'>
>;

/** What the queue needs to accept a ticket: the service, its institution's timezone, and whether it is open now. */
export interface ServiceAvailability {
  institution: Pick<InstitutionView, 'id' | 'code' | 'name' | 'timezone' | 'active' | 'lansiaAge'>;
  service: ServiceView;
  open: boolean;
  /** Why it is closed, for a person: "Poli Gigi is closed on Sunday", "opens at 08:00". */
  reason?: string;
  /** The local date (YYYY-MM-DD) in the institution's timezone at `at`. */
  localDate: string;
  /** When closed: the next local opening within a week (absent if the service never opens or is inactive). */
  nextOpening?: { localDate: string; weekday: Weekday; time: string };
}

/**
 * Creates what is missing and leaves what exists untouched: the institution by code, then each
 * service by code. Meant for seeding (system actor or platform admin); safe to repeat.
 */
export interface EnsureInstitutionRequest {
  institution: CreateInstitutionRequest;
  services: Array<Omit<CreateServiceRequest, 'institutionId'>>;
}

export interface EnsureInstitutionReply {
  institution: InstitutionView;
  services: ServiceView[];
  created: { institution: boolean; serviceCodes: string[] };
}

const ALL_DAY: OpeningHours = Object.fromEntries(WEEKDAYS.map((day) => [day, [{ open: '00:00', close: '24:00' }]]));

/**
 * The demo puskesmas the development seed creates (code from SEED_INSTITUTION_CODE). Its three
 * services are open every day around the clock so a demo works at any hour: not realistic hours.
 */
export function demoInstitutionSeed(code = 'PKM-DEMO'): EnsureInstitutionRequest {
  return {
    institution: {
      code,
      name: 'Puskesmas Kecamatan Menteng (Demo)',
      type: 'PUSKESMAS',
      address: 'Jl. Pegangsaan Barat No. 1',
      kelurahan: 'Pegangsaan',
      kecamatan: 'Menteng',
      city: 'Jakarta Pusat',
      province: 'DKI Jakarta',
      phone: '021-3190000',
      timezone: 'Asia/Jakarta',
    },
    services: [
      { code: 'A', name: 'Poli Umum', description: 'Pemeriksaan umum', dailyQuota: 200, openingHours: ALL_DAY, averageServiceMinutes: 10 },
      { code: 'B', name: 'Poli Gigi', description: 'Pemeriksaan gigi dan mulut', dailyQuota: 60, openingHours: ALL_DAY, averageServiceMinutes: 20 },
      { code: 'C', name: 'KIA', description: 'Kesehatan ibu dan anak', dailyQuota: 100, openingHours: ALL_DAY, averageServiceMinutes: 15 },
    ],
  };
}

export const InstitutionContracts = {
  create: rpc<CreateInstitutionRequest, InstitutionView>('institution', 'institution.create'),
  findAll: rpc<ListInstitutionsRequest, Page<InstitutionView>>('institution', 'institution.findAll'),
  findOne: rpc<{ id: string }, InstitutionView>('institution', 'institution.findOne'),
  findByCode: rpc<{ code: string }, InstitutionView>('institution', 'institution.findByCode'),
  /** Seeding: see EnsureInstitutionRequest. System actor or platform admin only. */
  ensure: rpc<EnsureInstitutionRequest, EnsureInstitutionReply>('institution', 'institution.ensure'),
  update: rpc<UpdateInstitutionRequest, InstitutionView>('institution', 'institution.update'),
  delete: rpc<{ id: string }, { id: string; deleted: true }>('institution', 'institution.delete'),
  search: rpc<SearchInstitutionsRequest, Page<InstitutionView & { score: number }>>('institution', 'institution.search'),
  getServices: rpc<{ institutionId: string; includeInactive?: boolean }, ServiceListing[]>('institution', 'institution.getServices'),
  createService: rpc<CreateServiceRequest, ServiceView>('institution', 'institution.service.create'),
  updateService: rpc<UpdateServiceRequest, ServiceView>('institution', 'institution.service.update'),
  deleteService: rpc<{ institutionId: string; serviceId: string }, { id: string; deleted: true }>('institution', 'institution.service.delete'),
  /** Used by the queue before it issues a ticket. `at` defaults to now (ISO timestamp). */
  isServiceOpen: rpc<{ institutionId: string; serviceId: string; at?: string }, ServiceAvailability>('institution', 'institution.service.isOpen'),
} as const;
