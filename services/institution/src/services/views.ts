import { InstitutionView, OpeningHours, ServiceView, WEEKDAYS } from '@mediq/contracts';
import type { Institution, Service } from '../generated/prisma/client';

export function toInstitutionView(row: Institution): InstitutionView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    address: row.address,
    kelurahan: row.kelurahan,
    kecamatan: row.kecamatan,
    city: row.city,
    province: row.province,
    phone: row.phone,
    email: row.email,
    timezone: row.timezone,
    lansiaAge: row.lansiaAge,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toServiceView(row: Service): ServiceView {
  return {
    id: row.id,
    institutionId: row.institutionId,
    code: row.code,
    name: row.name,
    description: row.description,
    dailyQuota: row.dailyQuota,
    openingHours: canonicalOpeningHours(row.openingHours as OpeningHours),
    averageServiceMinutes: row.averageServiceMinutes,
    minServiceMinutes: row.minServiceMinutes,
    priorityLaneCalls: row.priorityLaneCalls,
    generalLaneCalls: row.generalLaneCalls,
    active: row.active,
  };
}

/** Days in week order, closed days left out, each period just {open, close}. */
export function canonicalOpeningHours(hours: OpeningHours): OpeningHours {
  const canonical: OpeningHours = {};
  for (const day of WEEKDAYS) {
    const periods = hours[day];
    if (periods?.length) canonical[day] = periods.map(({ open, close }) => ({ open, close }));
  }
  return canonical;
}
