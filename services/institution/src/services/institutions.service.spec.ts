import { DomainError } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';
import { InstitutionConfig } from '../config';
import { Institution } from '../generated/prisma/client';
import { InstitutionCache } from '../repositories/institution-cache';
import { InstitutionRepository } from '../repositories/institution.repository';
import { InstitutionsService } from './institutions.service';

const system: Actor = { kind: 'system' };

function row(overrides: Partial<Institution> = {}): Institution {
  return {
    id: 'inst-1',
    code: 'PKM-A',
    name: 'Puskesmas A',
    type: 'PUSKESMAS',
    address: null,
    kelurahan: null,
    kecamatan: null,
    city: null,
    province: null,
    phone: null,
    email: null,
    timezone: 'Asia/Jakarta',
    lansiaAge: 60,
    active: true,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    deletedAt: null,
    searchText: 'puskesmas a puskesmas pkm a',
    ...overrides,
  };
}

function setup(existing: Institution | null = null) {
  const repository = {
    findByCodeIncludingDeleted: jest.fn().mockResolvedValue(existing),
    findById: jest.fn().mockResolvedValue(existing && !existing.deletedAt ? existing : null),
    findByIdIncludingDeleted: jest.fn().mockResolvedValue(existing),
    create: jest.fn().mockImplementation(async (data) => row({ ...data })),
    update: jest.fn().mockImplementation(async (_id, data) => row({ ...existing, ...data })),
    softDelete: jest.fn().mockResolvedValue(undefined),
  };
  const cache = { invalidate: jest.fn().mockResolvedValue(undefined), read: jest.fn((_key: string, load: () => unknown) => load()) };
  const service = new InstitutionsService(
    repository as unknown as InstitutionRepository,
    cache as unknown as InstitutionCache,
    { INSTITUTION_SEARCH_CANDIDATE_LIMIT: 100 } as InstitutionConfig,
  );
  return { service, repository, cache };
}

describe('InstitutionsService', () => {
  it('creates with normalised code, default timezone and search text, then invalidates the cache', async () => {
    const { service, repository, cache } = setup();
    await service.create(system, { code: ' pkm-a ', name: 'RSUD Kec. Tebet', type: 'RUMAH_SAKIT' });
    expect(repository.create).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'PKM-A', timezone: 'Asia/Jakarta', searchText: 'rumah sakit umum daerah kecamatan tebet rumah sakit puskesmas a' }),
      expect.objectContaining({ action: 'institution.create', actor: system }),
    );
    expect(cache.invalidate).toHaveBeenCalledTimes(1);
  });

  it('returns the existing record for a repeated create and writes nothing', async () => {
    const { service, repository, cache } = setup(row());
    const view = await service.create(system, { code: 'PKM-A', name: 'Puskesmas A', type: 'PUSKESMAS' });
    expect(view.id).toBe('inst-1');
    expect(repository.create).not.toHaveBeenCalled();
    expect(cache.invalidate).not.toHaveBeenCalled();
  });

  it('answers 409 for a different institution under a taken or deleted code', async () => {
    const taken = await setup(row()).service.create(system, { code: 'PKM-A', name: 'Puskesmas B', type: 'PUSKESMAS' }).catch((e: DomainError) => e);
    expect(taken).toMatchObject({ code: ErrorCode.CONFLICT });
    const deleted = await setup(row({ deletedAt: new Date() })).service.create(system, { code: 'PKM-A', name: 'Puskesmas A', type: 'PUSKESMAS' }).catch((e: DomainError) => e);
    expect(deleted).toMatchObject({ code: ErrorCode.CONFLICT, message: 'The code PKM-A belonged to a deleted institution; choose another code' });
  });

  it('does not write or invalidate when an update changes nothing', async () => {
    const { service, repository, cache } = setup(row());
    await service.update(system, { id: 'inst-1', name: 'Puskesmas A' });
    expect(repository.update).not.toHaveBeenCalled();
    expect(cache.invalidate).not.toHaveBeenCalled();
  });

  it('recomputes the search text and audits only the changed fields', async () => {
    const { service, repository } = setup(row());
    await service.update(system, { id: 'inst-1', name: 'Puskesmas A', city: 'Kab. Bogor' });
    expect(repository.update).toHaveBeenCalledWith(
      'inst-1',
      expect.objectContaining({ city: 'Kab. Bogor', searchText: 'puskesmas a puskesmas kabupaten bogor puskesmas a' }),
      expect.objectContaining({ changedFields: ['city'] }),
    );
  });

  it('deletes once; a repeated delete answers the same without writing', async () => {
    const live = setup(row());
    expect(await live.service.delete(system, { id: 'inst-1' })).toEqual({ id: 'inst-1', deleted: true });
    expect(live.repository.softDelete).toHaveBeenCalledTimes(1);
    const gone = setup(row({ deletedAt: new Date() }));
    expect(await gone.service.delete(system, { id: 'inst-1' })).toEqual({ id: 'inst-1', deleted: true });
    expect(gone.repository.softDelete).not.toHaveBeenCalled();
    expect(gone.cache.invalidate).not.toHaveBeenCalled();
  });
});
