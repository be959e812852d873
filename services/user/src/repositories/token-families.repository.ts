import { Injectable } from '@nestjs/common';
import { TokenFamily } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

export type RevokeReason = 'LOGOUT' | 'REUSE_DETECTED' | 'ROLE_CHANGED' | 'USER_DELETED' | 'PASSWORD_CHANGED' | 'USER_DISABLED';

@Injectable()
export class TokenFamiliesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { id: string; userId: string; currentTokenId: string; expiresAt: Date }): Promise<TokenFamily> {
    return this.prisma.tokenFamily.create({ data });
  }

  findById(id: string): Promise<TokenFamily | null> {
    return this.prisma.tokenFamily.findUnique({ where: { id } });
  }

  /**
   * Moves a live family from `fromTokenId` to `toTokenId` in one conditional write, so of two
   * concurrent refreshes with the same token exactly one succeeds. False: it was not current.
   */
  async rotate(id: string, fromTokenId: string, toTokenId: string, expiresAt: Date): Promise<boolean> {
    const { count } = await this.prisma.tokenFamily.updateMany({
      where: { id, currentTokenId: fromTokenId, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { currentTokenId: toTokenId, expiresAt, rotatedAt: new Date() },
    });
    return count === 1;
  }

  /** True when this call ended the family; false when it had already ended (or does not exist). */
  async revoke(id: string, reason: RevokeReason): Promise<boolean> {
    const { count } = await this.prisma.tokenFamily.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
    return count === 1;
  }

  async revokeAllOfUser(userId: string, reason: RevokeReason): Promise<void> {
    await this.prisma.tokenFamily.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
  }

  /** Ids of the user's families revoked at or after `since`. */
  async idsRevokedSince(userId: string, since: Date): Promise<string[]> {
    const rows = await this.prisma.tokenFamily.findMany({ where: { userId, revokedAt: { gte: since } }, select: { id: true } });
    return rows.map((row) => row.id);
  }
}
