import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { ScanSession } from '../generated/prisma/client';
import type { ScanSessionCreateInput } from '../generated/prisma/models';

export type { ScanSession };

@Injectable()
export class ScanSessionRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: ScanSessionCreateInput): Promise<ScanSession> {
    return this.prisma.scanSession.create({ data });
  }

  find(id: string): Promise<ScanSession | null> {
    return this.prisma.scanSession.findUnique({ where: { id } });
  }

  /** Records the patient of a pending scan (first writer wins; a retry finds it set). */
  async attachPatient(id: string, patientUserId: string): Promise<void> {
    await this.prisma.scanSession.updateMany({ where: { id, patientUserId: null }, data: { patientUserId } });
  }

  /** Marks a pending scan confirmed and forgets the card's data, which now lives with the patient. */
  async markConfirmed(id: string, ticketId: string): Promise<void> {
    await this.prisma.scanSession.updateMany({
      where: { id, status: 'PENDING_CONFIRMATION' },
      data: { status: 'CONFIRMED', ticketId, confirmedAt: new Date(), sealedReading: null },
    });
  }

  /** Cancels a pending scan and forgets its data; false when it was not pending. */
  async cancel(id: string): Promise<boolean> {
    const { count } = await this.prisma.scanSession.updateMany({
      where: { id, status: 'PENDING_CONFIRMATION' },
      data: { status: 'CANCELLED', cancelledAt: new Date(), sealedReading: null },
    });
    return count === 1;
  }

  /** Expires pending scans past their time and forgets their data; returns how many. */
  async expire(now: Date): Promise<number> {
    const { count } = await this.prisma.scanSession.updateMany({
      where: { status: 'PENDING_CONFIRMATION', expiresAt: { lt: now } },
      data: { status: 'EXPIRED', sealedReading: null },
    });
    return count;
  }
}
