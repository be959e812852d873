import { Inject, Injectable } from '@nestjs/common';
import { TicketWithPosition } from '@mediq/contracts';
import { PATIENT_QUEUE_CONFIG, PatientQueueConfig } from '../config';
import { Ticket } from '../generated/prisma/client';
import { Db, TicketRepository } from '../repositories/ticket.repository';
import { InstitutionDirectory } from './institution-directory.service';
import { toTicketView } from './ticket-view';

/** Estimated minutes until a ticket is called: people ahead x minutes per patient, rounded. */
export function etaMinutes(ahead: number, minutesPerPatient: number): number {
  return Math.round(ahead * minutesPerPatient);
}

/**
 * Where a ticket stands: the WAITING tickets call next would pick before it, and the wait that
 * means at the service's moving-average pace (learned from its last completed tickets; the
 * institution's configured minutes until there are any).
 */
@Injectable()
export class PositionService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly institutions: InstitutionDirectory,
    @Inject(PATIENT_QUEUE_CONFIG) private readonly config: PatientQueueConfig,
  ) {}

  async minutesPerPatient(institutionId: string, serviceId: string, configured?: number): Promise<number> {
    const learned = await this.tickets.recentServiceMinutes(institutionId, serviceId, this.config.QUEUE_SERVICE_TIME_WINDOW);
    if (learned !== null) return learned;
    return configured ?? (await this.institutions.configuredMinutes(institutionId, serviceId));
  }

  /** `minutesPerPatient` lets a caller compute it once, outside a transaction. */
  async withPosition(ticket: Ticket, minutesPerPatient: number, db?: Db): Promise<TicketWithPosition> {
    const ahead = ticket.status === 'WAITING' ? await this.tickets.countAhead(ticket, db) : 0;
    return { ...toTicketView(ticket), ahead, etaMinutes: etaMinutes(ahead, minutesPerPatient) };
  }

  async describe(ticket: Ticket): Promise<TicketWithPosition> {
    const minutes = ticket.status === 'WAITING' ? await this.minutesPerPatient(ticket.institutionId, ticket.serviceId) : 0;
    return this.withPosition(ticket, minutes);
  }
}
