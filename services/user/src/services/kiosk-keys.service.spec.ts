import { DomainError } from '@mediq/common';
import { Actor, ErrorCode } from '@mediq/contracts';
import { KioskKey } from '../generated/prisma/client';
import { AuditRepository } from '../repositories/audit.repository';
import { KioskKeysRepository } from '../repositories/kiosk-keys.repository';
import { RevokedKioskKeysRepository } from '../repositories/revoked-kiosk-keys.repository';
import { hashKioskKey, KioskKeysService } from './kiosk-keys.service';

/** The Redis list of revoked kiosk keys in memory; `unavailable` makes writes fail as they do when Redis is down. */
class FakeRevokedKioskKeys {
  readonly listed: string[] = [];
  unavailable = false;
  async add(kioskKeyId: string) {
    if (this.unavailable) throw new Error('Stream isn\'t writeable and enableOfflineQueue options is false');
    this.listed.push(kioskKeyId);
  }
}

describe('KioskKeysService', () => {
  const ADMIN_A: Actor = { kind: 'user', userId: 'a1', role: 'ADMIN_FASKES', institutionId: 'inst-A' };
  let rows: KioskKey[];
  let revokedList: FakeRevokedKioskKeys;
  let audit: { record: jest.Mock };
  let service: KioskKeysService;

  beforeEach(() => {
    rows = [];
    revokedList = new FakeRevokedKioskKeys();
    audit = { record: jest.fn() };
    const repository = {
      create: async (data: Omit<KioskKey, 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>) => {
        const row = { ...data, id: `k${rows.length + 1}`, createdAt: new Date(), lastUsedAt: null, revokedAt: null };
        rows.push(row);
        return row;
      },
      findById: async (id: string) => rows.find((r) => r.id === id) ?? null,
      findByHash: async (hash: string) => rows.find((r) => r.keyHash === hash) ?? null,
      touch: async (id: string) => { rows.find((r) => r.id === id)!.lastUsedAt = new Date(); },
      revoke: async (id: string) => Object.assign(rows.find((r) => r.id === id)!, { revokedAt: new Date() }),
      listByInstitution: async (institutionId: string) => rows.filter((r) => r.institutionId === institutionId),
    };
    service = new KioskKeysService(
      repository as unknown as KioskKeysRepository,
      audit as unknown as AuditRepository,
      revokedList as unknown as RevokedKioskKeysRepository,
    );
  });

  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

  it('stores only the hash of an issued key and recognises the key afterwards', async () => {
    const issued = await service.issue(ADMIN_A, 'inst-A', 'Lobby');
    expect(JSON.stringify(rows)).not.toContain(issued.key);
    expect(rows[0].keyHash).toBe(hashKioskKey(issued.key));
    expect(await service.verify(issued.key)).toEqual({ kioskKeyId: issued.id, institutionId: 'inst-A' });
    expect(rows[0].lastUsedAt).not.toBeNull();
  });

  it('refuses a revoked or unknown key with 401', async () => {
    const issued = await service.issue(ADMIN_A, 'inst-A', 'Lobby');
    await service.revoke(ADMIN_A, issued.id);
    expect((await failure(service.verify(issued.key)))?.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect((await failure(service.verify('mqk_unknown')))?.code).toBe(ErrorCode.UNAUTHENTICATED);
  });

  it('lists a revoked key in Redis for the gateways, and only that key', async () => {
    const lobby = await service.issue(ADMIN_A, 'inst-A', 'Lobby');
    const poli = await service.issue(ADMIN_A, 'inst-A', 'Poli');
    expect(await service.revoke(ADMIN_A, lobby.id)).toMatchObject({ id: lobby.id, revokedAt: expect.any(String) });
    expect(revokedList.listed).toEqual([lobby.id]);
    expect(await service.verify(poli.key)).toEqual({ kioskKeyId: poli.id, institutionId: 'inst-A' });
  });

  it('answers 503 when the list cannot be written, keeps the key revoked, and a repeated revocation completes it', async () => {
    const issued = await service.issue(ADMIN_A, 'inst-A', 'Lobby');
    revokedList.unavailable = true;
    const error = await failure(service.revoke(ADMIN_A, issued.id));
    expect(error).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, details: { reason: 'kiosk-key-revocation-unavailable' } });
    expect((await failure(service.verify(issued.key)))?.code).toBe(ErrorCode.UNAUTHENTICATED);

    revokedList.unavailable = false;
    const again = await service.revoke(ADMIN_A, issued.id);
    expect(again.revokedAt).toBe(rows[0].revokedAt!.toISOString());
    expect(revokedList.listed).toEqual([issued.id]);
    expect(audit.record.mock.calls.filter(([, action]) => action === 'kiosk-key.revoke')).toHaveLength(1);
  });

  it('keeps each administrator to the keys of their own institution', async () => {
    expect((await failure(service.issue(ADMIN_A, 'inst-B', 'Lobby')))?.code).toBe(ErrorCode.FORBIDDEN);
    const issued = await service.issue({ kind: 'system' }, 'inst-B', 'Lobby');
    expect((await failure(service.revoke(ADMIN_A, issued.id)))?.code).toBe(ErrorCode.FORBIDDEN);
    expect((await failure(service.list({ ...ADMIN_A, role: 'OPERATOR' }, 'inst-A')))?.code).toBe(ErrorCode.FORBIDDEN);
  });
});
