import { Injectable, Logger } from '@nestjs/common';
import { DomainError, RpcClient } from '@mediq/common';
import {
  Actor,
  ConfirmScanReply,
  ConfirmScanRequest,
  ErrorCode,
  FollowContracts,
  isStaffActor,
  PatientContracts,
  QueueContracts,
  validateNik,
} from '@mediq/contracts';
import { ScanSession, ScanSessionRepository } from '../repositories/scan-session.repository';
import { toPatientProfile } from './ktp-profile';
import { assertMaySee, scanGone } from './scan.service';

/**
 * Confirms a scan (or a card typed at a kiosk or by staff): the user service finds or registers
 * the patient under its identity rule (a registered NIK with another name is refused and nothing
 * changes), then the ticket is issued with its follow link for the printed QR code. Every step is
 * safe to repeat, so a kiosk that lost the answer simply confirms again: the patient is remembered
 * on the scan as soon as known, the ticket is keyed by the scan id, and a failure of the queue
 * leaves the scan confirmable. The answer carries no session: a printed ticket is not a login.
 */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);

  constructor(
    private readonly scans: ScanSessionRepository,
    private readonly rpc: RpcClient,
  ) {}

  async confirm(actor: Actor, request: ConfirmScanRequest): Promise<ConfirmScanReply> {
    assertMayRegisterAt(actor, request.institutionId);
    // The kiosk or operator is authorised for this scan here; the user service trusts this service
    // to act for them (its history keeps who: the kiosk key or the staff member).
    const onBehalf: Actor = { ...actor, kind: 'system' };
    const session = request.scanId ? await this.confirmable(actor, request.scanId) : await this.typedEntry(actor, request);
    const profile = toPatientProfile(request.fields);
    const nikCheck = validateNik(profile.nik, { birthDate: profile.birthDate ?? undefined, gender: profile.gender ?? undefined });
    if (!nikCheck.valid) {
      const [first] = nikCheck.errors;
      throw new DomainError(ErrorCode.INVALID_NIK, first.message, { rule: first.rule, errors: nikCheck.errors });
    }

    const patient = session.patientUserId
      ? { patientId: session.patientUserId, created: false }
      : await this.rpc.call(
          PatientContracts.registerFromCard,
          { ...profile, institutionId: request.institutionId, idempotencyKey: `scan:${session.id}` },
          { actor: onBehalf },
        );
    await this.scans.attachPatient(session.id, patient.patientId);

    const { ticket } = await this.whileQueueAnswers(() => this.rpc.call(
      QueueContracts.addToQueue,
      {
        institutionId: request.institutionId,
        serviceId: request.serviceId,
        patientUserId: patient.patientId,
        requestId: `scan:${session.id}`,
        priority: request.priority,
        category: request.category,
        // Lansia follows from the printed birth date at the institution's age threshold (not stored by the queue).
        patientBirthDate: profile.birthDate ?? undefined,
        source: actor.kind === 'kiosk' ? 'KIOSK' : 'OPERATOR',
      },
      { actor },
    ));
    const follow = await this.whileQueueAnswers(() => this.rpc.call(FollowContracts.issue, { ticketId: ticket.id }, { actor }));
    await this.scans.markConfirmed(session.id, ticket.id);
    this.logger.log(`scan ${session.id} confirmed: patient ${patient.patientId} ${patient.created ? 'registered' : 'found'}, ticket ${ticket.id}`);
    return { scanId: session.id, patientId: patient.patientId, patientCreated: patient.created, ticket, ...follow, warnings: nikCheck.warnings };
  }

  /**
   * The patient is saved on the scan before the ticket is asked for, so when the queue does not
   * answer the kiosk is told to confirm again in a moment: the retry resumes at the ticket.
   */
  private async whileQueueAnswers<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DomainError && (error.code === ErrorCode.TIMEOUT || error.code === ErrorCode.SERVICE_UNAVAILABLE)) {
        throw new DomainError(
          ErrorCode.SERVICE_UNAVAILABLE,
          'The queue is temporarily unavailable. The registration is saved: please confirm again in a moment.',
          { service: 'patient-queue', retryable: true },
        );
      }
      throw error;
    }
  }

  /** A pending scan, or one confirmed already (a retry gets the same patient and ticket again). */
  private async confirmable(actor: Actor, scanId: string): Promise<ScanSession> {
    const session = await this.scans.find(scanId);
    if (!session) throw DomainError.notFound('This scan');
    assertMaySee(actor, session);
    if (session.status === 'CONFIRMED') return session;
    if (session.status !== 'PENDING_CONFIRMATION' || session.expiresAt < new Date()) throw scanGone(scanId, session);
    return session;
  }

  /** A card typed by hand (staff, or a patient at a kiosk whose camera could not read it): a scan session without a photo, keyed by the request id. */
  private async typedEntry(actor: Actor, request: ConfirmScanRequest): Promise<ScanSession> {
    if (!request.requestId) throw DomainError.validation('requestId is required when no scanId is given', { requestId: 'is required' });
    const existing = await this.scans.find(request.requestId);
    if (existing) {
      assertMaySee(actor, existing);
      return existing.status === 'CONFIRMED' ? existing : this.confirmable(actor, existing.id);
    }
    return this.scans
      .create({
        id: request.requestId,
        source: 'MANUAL',
        createdByUserId: actor.userId ?? null,
        institutionId: request.institutionId,
        cardType: 'KTP',
        expiresAt: new Date(Date.now() + 15 * 60_000),
      })
      .catch(async (error: unknown) => {
        // Two retries of the same typed registration at once: the first one created it.
        const raced = await this.scans.find(request.requestId!);
        if (raced) return raced;
        throw error;
      });
  }
}

/** A kiosk registers at its own institution; staff at theirs. */
function assertMayRegisterAt(actor: Actor, institutionId: string): void {
  if (actor.kind === 'system') return;
  if ((actor.kind === 'kiosk' || isStaffActor(actor)) && actor.institutionId === institutionId) return;
  throw DomainError.forbidden('This device or account may only register patients at its own institution');
}
