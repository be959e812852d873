import { Injectable } from '@nestjs/common';
import { KioskKey } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class KioskKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { institutionId: string; label: string; prefix: string; keyHash: string; createdBy: string | null }): Promise<KioskKey> {
    return this.prisma.kioskKey.create({ data });
  }

  findById(id: string): Promise<KioskKey | null> {
    return this.prisma.kioskKey.findUnique({ where: { id } });
  }

  findByHash(keyHash: string): Promise<KioskKey | null> {
    return this.prisma.kioskKey.findUnique({ where: { keyHash } });
  }

  findActiveByLabel(institutionId: string, label: string): Promise<KioskKey | null> {
    return this.prisma.kioskKey.findFirst({ where: { institutionId, label, revokedAt: null }, orderBy: { createdAt: 'asc' } });
  }

  listByInstitution(institutionId: string): Promise<KioskKey[]> {
    return this.prisma.kioskKey.findMany({ where: { institutionId }, orderBy: [{ revokedAt: 'asc' }, { createdAt: 'desc' }] });
  }

  /** Records use at most once per `minIntervalMs`, so a busy kiosk does not write on every request. */
  async touch(id: string, minIntervalMs: number): Promise<void> {
    const now = new Date();
    await this.prisma.kioskKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - minIntervalMs) } }] },
      data: { lastUsedAt: now },
    });
  }

  async revoke(id: string): Promise<KioskKey> {
    await this.prisma.kioskKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return (await this.findById(id))!;
  }
}
