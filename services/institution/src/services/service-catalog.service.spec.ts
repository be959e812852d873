import { Actor, InstitutionView } from '@mediq/contracts';
import { Service } from '../generated/prisma/client';
import { InstitutionCache } from '../repositories/institution-cache';
import { ServiceRepository } from '../repositories/service.repository';
import { InstitutionsService } from './institutions.service';
import { ServiceCatalogService } from './service-catalog.service';

const system: Actor = { kind: 'system' };
const MONDAY_09_JAKARTA = '2026-11-23T02:00:00.000Z';

function serviceRow(overrides: Partial<Service> = {}): Service {
  return {
    id: 'svc-1',
    institutionId: 'inst-1',
    code: 'A',
    name: 'Poli Umum',
    description: null,
    dailyQuota: null,
    openingHours: { mon: [{ open: '08:00', close: '12:00' }] },
    averageServiceMinutes: 10,
    minServiceMinutes: 2,
    priorityLaneCalls: null,
    generalLaneCalls: null,
    active: true,
    createdAt: new Date(),
    updatedAt: new Date(),
    deletedAt: null,
    ...overrides,
  };
}

function setup(options: { byCode?: Service | null; list?: Service[]; institutionActive?: boolean } = {}) {
  const institution = { id: 'inst-1', code: 'PKM-A', name: 'Puskesmas A', timezone: 'Asia/Jakarta', active: options.institutionActive ?? true } as InstitutionView;
  const repository = {
    findByCode: jest.fn().mockResolvedValue(options.byCode ?? null),
    listByInstitution: jest.fn().mockResolvedValue(options.list ?? []),
    create: jest.fn().mockImplementation(async (data) => serviceRow(data)),
    update: jest.fn().mockImplementation(async (current: Service, data) => ({ ...current, ...data })),
  };
  const institutions = { requireInstitution: jest.fn().mockResolvedValue({}), findOne: jest.fn().mockResolvedValue(institution) };
  const cache = { invalidate: jest.fn(), read: jest.fn((_key: string, load: () => unknown) => load()) };
  const catalog = new ServiceCatalogService(
    repository as unknown as ServiceRepository,
    institutions as unknown as InstitutionsService,
    cache as unknown as InstitutionCache,
  );
  return { catalog, repository, cache };
}

describe('ServiceCatalogService', () => {
  it('restores a soft-deleted service when its code is used again, keeping its id', async () => {
    const { catalog, repository, cache } = setup({ byCode: serviceRow({ deletedAt: new Date(), active: false }) });
    const view = await catalog.createService(system, { institutionId: 'inst-1', code: 'a', name: 'Poli Umum Baru' });
    expect(view).toMatchObject({ id: 'svc-1', name: 'Poli Umum Baru', active: true, openingHours: {} });
    expect(repository.update).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ deletedAt: null }), expect.objectContaining({ action: 'service.restore' }));
    expect(repository.create).not.toHaveBeenCalled();
    expect(cache.invalidate).toHaveBeenCalled();
  });

  it('stores opening hours in week order without closed days', async () => {
    const { catalog, repository } = setup();
    await catalog.createService(system, {
      institutionId: 'inst-1',
      code: 'B',
      name: 'Poli Gigi',
      openingHours: { sat: [{ open: '08:00', close: '11:00' }], mon: [{ open: '08:00', close: '12:00' }], sun: [] },
    });
    expect(Object.keys(repository.create.mock.calls[0][0].openingHours)).toEqual(['mon', 'sat']);
  });

  it('answers open/closed with reasons, checking the institution and the service are active', async () => {
    const open = await setup({ list: [serviceRow()] }).catalog.isServiceOpen({ institutionId: 'inst-1', serviceId: 'svc-1', at: MONDAY_09_JAKARTA });
    expect(open).toMatchObject({ open: true, localDate: '2026-11-23' });
    const inactive = await setup({ list: [serviceRow({ active: false })] }).catalog.isServiceOpen({ institutionId: 'inst-1', serviceId: 'svc-1', at: MONDAY_09_JAKARTA });
    expect(inactive).toMatchObject({ open: false, reason: 'Poli Umum is not accepting patients at the moment' });
    const closedInstitution = await setup({ list: [serviceRow()], institutionActive: false }).catalog.isServiceOpen({
      institutionId: 'inst-1',
      serviceId: 'svc-1',
      at: MONDAY_09_JAKARTA,
    });
    expect(closedInstitution).toMatchObject({ open: false, reason: 'Puskesmas A is not accepting patients at the moment' });
  });
});
