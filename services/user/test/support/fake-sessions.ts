import { TokenFamily } from '../../src/generated/prisma/client';
import { RevokeReason } from '../../src/repositories/token-families.repository';

/** Token families in memory, with the repository's conditional rotation and revocation. */
export class FakeTokenFamilies {
  readonly rows = new Map<string, TokenFamily>();

  async create(data: { id: string; userId: string; currentTokenId: string; expiresAt: Date }) {
    const row = { ...data, createdAt: new Date(), rotatedAt: null, revokedAt: null, revokedReason: null };
    this.rows.set(data.id, row);
    return row;
  }

  async findById(id: string) {
    return this.rows.get(id) ?? null;
  }

  async rotate(id: string, from: string, to: string, expiresAt: Date) {
    const row = this.rows.get(id);
    if (!row || row.revokedAt || row.currentTokenId !== from) return false;
    Object.assign(row, { currentTokenId: to, expiresAt, rotatedAt: new Date() });
    return true;
  }

  async revoke(id: string, reason: RevokeReason) {
    const row = this.rows.get(id);
    if (!row || row.revokedAt) return false;
    Object.assign(row, { revokedAt: new Date(), revokedReason: reason });
    return true;
  }

  async revokeAllOfUser(userId: string, reason: RevokeReason) {
    for (const row of this.rows.values()) if (row.userId === userId) await this.revoke(row.id, reason);
  }

  async idsRevokedSince(userId: string, since: Date) {
    return [...this.rows.values()].filter((row) => row.userId === userId && row.revokedAt && row.revokedAt >= since).map((row) => row.id);
  }
}

/** The Redis revocation list in memory; `unavailable` makes writes fail as they do when Redis is down. */
export class FakeRevokedSessions {
  readonly listed = new Map<string, number>();
  unavailable = false;

  async add(sessionIds: readonly string[], accessTokenTtlSeconds: number) {
    if (this.unavailable) throw new Error('Stream isn\'t writeable and enableOfflineQueue options is false');
    for (const id of sessionIds) this.listed.set(id, accessTokenTtlSeconds);
  }
}
