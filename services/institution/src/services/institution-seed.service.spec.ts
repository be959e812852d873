import { DomainError } from '@mediq/common';
import { Actor, demoInstitutionSeed, ErrorCode, InstitutionView, ServiceView } from '@mediq/contracts';
import { InstitutionSeedService } from './institution-seed.service';
import { InstitutionsService } from './institutions.service';
import { ServiceCatalogService } from './service-catalog.service';

const system: Actor = { kind: 'system' };
const demo = { id: 'inst-demo', code: 'PKM-DEMO' } as InstitutionView;

function setup(found: InstitutionView | null, existingCodes: string[]) {
  const institutions = {
    findByCode: jest.fn().mockImplementation(async () => {
      if (!found) throw DomainError.notFound('Institution PKM-DEMO');
      return found;
    }),
    create: jest.fn().mockResolvedValue(demo),
  };
  const catalog = {
    getServices: jest.fn().mockResolvedValue(existingCodes.map((code) => ({ code }) as ServiceView)),
    createService: jest.fn().mockResolvedValue({}),
  };
  const seed = new InstitutionSeedService(institutions as unknown as InstitutionsService, catalog as unknown as ServiceCatalogService);
  return { seed, institutions, catalog };
}

describe('InstitutionSeedService', () => {
  it('creates the institution and every service when nothing exists', async () => {
    const { seed, institutions, catalog } = setup(null, []);
    const reply = await seed.ensure(system, demoInstitutionSeed());
    expect(institutions.create).toHaveBeenCalledTimes(1);
    expect(catalog.createService.mock.calls.map(([, request]) => request.code)).toEqual(['A', 'B', 'C']);
    expect(reply.created).toEqual({ institution: true, serviceCodes: ['A', 'B', 'C'] });
  });

  it('creates only the missing services of an existing institution', async () => {
    const { seed, institutions, catalog } = setup(demo, ['A', 'C']);
    const reply = await seed.ensure(system, demoInstitutionSeed());
    expect(institutions.create).not.toHaveBeenCalled();
    expect(catalog.createService).toHaveBeenCalledTimes(1);
    expect(reply.created).toEqual({ institution: false, serviceCodes: ['B'] });
  });

  it('is for the system actor or a platform admin only', async () => {
    const { seed } = setup(null, []);
    const facilityAdmin: Actor = { kind: 'user', userId: 'u', role: 'ADMIN_FASKES', institutionId: 'inst-1' };
    await expect(seed.ensure(facilityAdmin, demoInstitutionSeed())).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });
});
