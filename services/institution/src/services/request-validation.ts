import { DomainError, z } from '@mediq/common';
import { INSTITUTION_TYPES, InstitutionType, OpeningHours, WEEKDAYS } from '@mediq/contracts';
import { isValidTimeZone, openingHoursProblems } from './opening-hours';

/**
 * Validation of every request the institution service accepts. Callers are other services and
 * the seed as well as the gateway, so the service checks for itself; a failure is a 400 naming
 * each field ("details.fields": {"email": "must be an email address"}).
 */
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;

const optionalText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

const id = z.string({ error: 'is required' }).trim().min(1, 'is required').max(64, 'is not a valid id');

const period = z.object({ open: z.string({ error: 'must be a time HH:MM' }), close: z.string({ error: 'must be a time HH:MM' }) }).strict();

export const openingHoursSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(period).max(6, 'at most 6 periods a day').optional()])))
  .strict()
  .superRefine((hours, context) => {
    for (const [path, message] of Object.entries(openingHoursProblems(hours as OpeningHours, ''))) {
      const [day, index] = path.slice(1).split(/[[\]]/);
      context.addIssue({ code: 'custom', path: [day, Number(index)], message });
    }
  })
  .transform((hours) => hours as OpeningHours);

const institutionFields = {
  name: z.string({ error: 'is required' }).trim().min(3, 'must be at least 3 characters').max(200, 'must be at most 200 characters'),
  type: z.enum(INSTITUTION_TYPES as [InstitutionType, ...InstitutionType[]], { error: `must be one of ${INSTITUTION_TYPES.join(', ')}` }),
  address: optionalText(500),
  kelurahan: optionalText(100),
  kecamatan: optionalText(100),
  city: optionalText(100),
  province: optionalText(100),
  phone: z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'must be a phone number (digits, spaces, dashes, optional +)')
    .nullable()
    .optional(),
  email: z.email('must be an email address').max(200, 'must be at most 200 characters').nullable().optional(),
  timezone: z
    .string({ error: 'must be text' })
    .refine(isValidTimeZone, 'must be an IANA timezone such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura')
    .optional(),
  lansiaAge: z.number({ error: 'must be a number' }).int('must be a whole number').min(45, 'must be at least 45').max(90, 'must be at most 90').optional(),
};

export const createInstitutionSchema = z
  .object({
    code: z
      .string({ error: 'is required' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'must be 2-32 letters, digits or dashes'),
    ...institutionFields,
  })
  .strict();

export const updateInstitutionSchema = z
  .object({
    id,
    ...institutionFields,
    name: institutionFields.name.optional(),
    type: institutionFields.type.optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

const pageFields = {
  page: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(1),
  pageSize: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(PAGE_SIZE_MAX, `must be at most ${PAGE_SIZE_MAX}`)
    .default(PAGE_SIZE_DEFAULT),
};

export const listInstitutionsSchema = z
  .object({
    ...pageFields,
    city: z.string({ error: 'must be text' }).trim().min(1).max(100).optional(),
    province: z.string({ error: 'must be text' }).trim().min(1).max(100).optional(),
    type: institutionFields.type.optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

export const searchInstitutionsSchema = z
  .object({
    ...pageFields,
    q: z.string({ error: 'is required' }).trim().min(2, 'must be at least 2 characters').max(100, 'must be at most 100 characters'),
  })
  .strict();

export const idSchema = z.object({ id }).strict();
export const codeSchema = z.object({ code: z.string({ error: 'is required' }).trim().toUpperCase().min(1, 'is required').max(32) }).strict();

const laneCalls = z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(10, 'must be at most 10').nullable().optional();

/** A call ratio needs both its sides (or neither: strict priority). */
function bothLanesOrNeither(service: { priorityLaneCalls?: number | null; generalLaneCalls?: number | null }): boolean {
  if (service.priorityLaneCalls === undefined && service.generalLaneCalls === undefined) return true;
  return (service.priorityLaneCalls ?? null) === null ? (service.generalLaneCalls ?? null) === null : (service.generalLaneCalls ?? null) !== null;
}
const laneRule = { message: 'priorityLaneCalls and generalLaneCalls are set together (both numbers, or both null for strict priority)', path: ['generalLaneCalls'] };

const serviceFields = {
  name: z.string({ error: 'is required' }).trim().min(2, 'must be at least 2 characters').max(100, 'must be at most 100 characters'),
  description: optionalText(500),
  dailyQuota: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000').nullable().optional(),
  openingHours: openingHoursSchema.optional(),
  averageServiceMinutes: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(480, 'must be at most 480').optional(),
  minServiceMinutes: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(120, 'must be at most 120').optional(),
  priorityLaneCalls: laneCalls,
  generalLaneCalls: laneCalls,
};

export const serviceCode = z
  .string({ error: 'is required' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,3}$/, 'must be 1-3 letters (the ticket prefix, e.g. A)');

export const createServiceSchema = z.object({ institutionId: id, code: serviceCode, ...serviceFields }).strict().refine(bothLanesOrNeither, laneRule);

export const updateServiceSchema = z
  .object({
    institutionId: id,
    serviceId: id,
    ...serviceFields,
    name: serviceFields.name.optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict()
  .refine(bothLanesOrNeither, laneRule);

export const serviceRefSchema = z.object({ institutionId: id, serviceId: id }).strict();

export const getServicesSchema = z.object({ institutionId: id, includeInactive: z.boolean({ error: 'must be true or false' }).optional() }).strict();

export const isServiceOpenSchema = z
  .object({ institutionId: id, serviceId: id, at: z.iso.datetime({ offset: true, error: 'must be an ISO timestamp' }).optional() })
  .strict();

export const ensureInstitutionSchema = z
  .object({
    institution: createInstitutionSchema,
    services: z.array(z.object({ code: serviceCode, ...serviceFields }).strict()).max(26, 'at most 26 services'),
  })
  .strict();

/** Parses a request or fails with a 400 that names every wrong field. */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[fieldPath([...issue.path, key])] = 'is not an accepted field';
    } else {
      fields[fieldPath(issue.path)] ??= issue.message;
    }
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field} ${message}`)
    .join('; ');
  throw DomainError.validation(`Invalid ${what}: ${summary}`, fields);
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '') || 'request';
}
