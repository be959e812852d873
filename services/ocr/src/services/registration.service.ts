import { Injectable, Logger } from '@nestjs/common';
import { DomainError, RpcClient } from '@mediq/common';
import {
  Actor,
  AuthContracts,
  ConfirmScanReply,
  ConfirmScanRequest,
  ErrorCode,
  isStaffActor,
  KTP_PROFILE_FIELDS,
  QueueContracts,
  UserContracts,
  UserView,
  validateNik,
} from '@mediq/contracts';
import { ScanSession, ScanSessionRepository } from '../repositories/scan-session.repository';
import { PatientProfile, toPatientProfile } from './ktp-profile';
import { assertMaySee, scanGone } from './scan.service';

/**
 * Confirms a scan: finds or registers the patient, then issues their ticket. Every step is safe to
 * repeat, so a kiosk that lost the answer simply confirms again: the patient is remembered on the
 * scan as soon as known, the ticket is keyed by the scan id, and a failure of the queue leaves the
 * scan confirmable.
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
    // to act for them (the audit trail keeps who: the kiosk key or the staff member).
    const onBehalf: Actor = { ...actor, kind: 'system' };
    const session = request.scanId ? await this.confirmable(actor, request.scanId) : await this.typedEntry(actor, request);
    const profile = toPatientProfile(request.fields);
    const nikCheck = validateNik(profile.nik, { birthDate: profile.birthDate ?? undefined, gender: profile.gender ?? undefined });
    if (!nikCheck.valid) {
      const [first] = nikCheck.errors;
      throw new DomainError(ErrorCode.INVALID_NIK, first.message, { rule: first.rule, errors: nikCheck.errors });
    }

    const { user, created } = session.patientUserId
      ? { user: await this.rpc.call(UserContracts.findOne, { id: session.patientUserId }, { actor: onBehalf }), created: false }
      : await this.findOrRegister(onBehalf, profile, session);
    await this.scans.attachPatient(session.id, user.id);

    const { ticket } = await this.whileQueueAnswers(() => this.rpc.call(
      QueueContracts.addToQueue,
      {
        institutionId: request.institutionId,
        serviceId: request.serviceId,
        patientUserId: user.id,
        requestId: `scan:${session.id}`,
        priority: request.priority,
        source: actor.kind === 'kiosk' ? 'KIOSK' : 'OPERATOR',
      },
      { actor },
    ));
    await this.scans.markConfirmed(session.id, ticket.id);
    const patientTokens = await this.rpc.call(AuthContracts.issuePatientSession, { userId: user.id }, { actor: onBehalf });
    this.logger.log(`scan ${session.id} confirmed: patient ${user.id} ${created ? 'registered' : 'found'}, ticket ${ticket.id}`);
    return { scanId: session.id, user, patientCreated: created, ticket, patientTokens, warnings: nikCheck.warnings };
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

  /** Staff typing a card by hand: a scan session without a photo, keyed by the request id. */
  private async typedEntry(actor: Actor, request: ConfirmScanRequest): Promise<ScanSession> {
    if (actor.kind !== 'user' && actor.kind !== 'system') {
      throw DomainError.forbidden('Only staff can register a patient without scanning the card');
    }
    if (!request.requestId) throw DomainError.validation('requestId is required when no scanId is given', { requestId: 'is required' });
    const existing = await this.scans.find(request.requestId);
    if (existing) return existing.status === 'CONFIRMED' ? existing : this.confirmable(actor, existing.id);
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

  private async findOrRegister(actor: Actor, profile: PatientProfile, session: ScanSession) {
    const existing = await this.findByNik(actor, profile.nik);
    if (existing) return { user: await this.refreshProfile(actor, existing, profile), created: false };
    try {
      const registered = await this.rpc.call(
        UserContracts.create,
        { ...profile, role: 'PASIEN', institutionId: session.institutionId, idempotencyKey: `scan:${session.id}` },
        { actor },
      );
      return { user: registered.user, created: true };
    } catch (error) {
      // Another kiosk registered the same NIK a moment ago: that registration is the patient.
      if (error instanceof DomainError && error.code === ErrorCode.CONFLICT) {
        const winner = await this.findByNik(actor, profile.nik);
        if (winner) return { user: winner, created: false };
      }
      throw error;
    }
  }

  private async findByNik(actor: Actor, nik: string): Promise<UserView | null> {
    try {
      return await this.rpc.call(UserContracts.findByNik, { nik }, { actor });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  /** Updates the profile fields the card shows differently now (a new address, a corrected name). */
  private async refreshProfile(actor: Actor, user: UserView, profile: PatientProfile): Promise<UserView> {
    const changes: Record<string, unknown> = {};
    for (const field of KTP_PROFILE_FIELDS) {
      const value = profile[field];
      if (value !== null && value !== undefined && value !== user[field]) changes[field] = value;
    }
    if (profile.name !== user.name) changes.name = profile.name;
    if (Object.keys(changes).length === 0) return user;
    const updated = await this.rpc.call(UserContracts.update, { id: user.id, ...changes }, { actor });
    return updated.user;
  }
}

/** A kiosk registers at its own institution; staff at theirs. */
function assertMayRegisterAt(actor: Actor, institutionId: string): void {
  if (actor.kind === 'system') return;
  if ((actor.kind === 'kiosk' || isStaffActor(actor)) && actor.institutionId === institutionId) return;
  throw DomainError.forbidden('This device or account may only register patients at its own institution');
}
