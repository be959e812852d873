import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { uniqueViolation } from '@mediq/common';
import { PrismaService } from '../database/prisma.service';
import { QueueWritePool } from '../database/write-pool.service';

const INSERT_LINK = 'INSERT INTO follow_links (token, ticketId, createdAt) VALUES (?, ?, ?)';

/** Follow links: one random token per ticket, created on first request and the same ever after. */
@Injectable()
export class FollowLinkRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly writes: QueueWritePool,
  ) {}

  async tokenFor(ticketId: string): Promise<string> {
    const existing = await this.prisma.followLink.findUnique({ where: { ticketId } });
    if (existing) return existing.token;
    const token = randomBytes(16).toString('base64url');
    try {
      await this.writes.transaction((tx) => tx.write(INSERT_LINK, [token, ticketId, new Date()]));
      return token;
    } catch (error) {
      // Two confirmations of the same ticket at once: the first link wins.
      if (uniqueViolation(error) === null) throw error;
      return (await this.prisma.followLink.findUniqueOrThrow({ where: { ticketId } })).token;
    }
  }

  /** The column compares without case (the table's collation); tokens are case-sensitive, so the match is checked here. */
  async ticketIdOf(token: string): Promise<string | null> {
    const link = await this.prisma.followLink.findUnique({ where: { token } });
    return link && link.token === token ? link.ticketId : null;
  }

  async patientVisited(patientUserId: string, institutionId: string): Promise<boolean> {
    return (await this.prisma.ticket.findFirst({ where: { patientUserId, institutionId }, select: { id: true } })) !== null;
  }
}
