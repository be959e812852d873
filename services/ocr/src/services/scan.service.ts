import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, PiiCipher, RpcClient } from '@mediq/common';
import {
  Actor,
  ErrorCode,
  isStaffActor,
  KtpFieldKey,
  OcrEngineContracts,
  OcrResult,
  ScanView,
  UploadScanRequest,
  UserContracts,
} from '@mediq/contracts';
import { randomUUID } from 'node:crypto';
import { OCR_CONFIG, OcrConfig } from '../config';
import { ScanSession, ScanSessionRepository } from '../repositories/scan-session.repository';
import { ScanReading } from './scan-reading';

/** Reads a card photo into a scan session, shows it while pending, cancels it. */
@Injectable()
export class ScanService {
  private readonly logger = new Logger(ScanService.name);

  constructor(
    private readonly scans: ScanSessionRepository,
    private readonly rpc: RpcClient,
    private readonly cipher: PiiCipher,
    @Inject(OCR_CONFIG) private readonly config: OcrConfig,
  ) {}

  async upload(actor: Actor, request: UploadScanRequest): Promise<ScanView> {
    const result = await this.rpc.call(OcrEngineContracts.process, request, { actor, timeoutMs: this.config.OCR_ENGINE_TIMEOUT_MS });
    const reading = toReading(result);
    const patientExists = result.nikValidation?.valid
      ? (await this.rpc.call(UserContracts.checkNikExists, { nik: reading.fields.nik! }, { actor })).exists
      : false;
    const session = await this.scans.create({
      id: randomUUID(),
      source: 'CAMERA',
      kioskKeyId: actor.kioskKeyId ?? null,
      createdByUserId: actor.userId ?? null,
      institutionId: actor.institutionId ?? null,
      cardType: result.cardType,
      sealedReading: this.cipher.encrypt(JSON.stringify(reading)),
      patientExists,
      expiresAt: new Date(Date.now() + this.config.SCAN_TTL_MINUTES * 60_000),
    });
    this.logger.log(`scan ${session.id} read a ${result.cardType} card with ${Object.keys(reading.fields).length} fields`);
    return this.view(session, reading);
  }

  async find(actor: Actor, scanId: string): Promise<ScanView> {
    const session = await this.pending(actor, scanId);
    return this.view(session, this.open(session));
  }

  async cancel(actor: Actor, scanId: string): Promise<{ scanId: string; status: 'CANCELLED' }> {
    await this.pending(actor, scanId);
    if (!(await this.scans.cancel(scanId))) throw scanGone(scanId);
    return { scanId, status: 'CANCELLED' };
  }

  /** A scan still waiting for its confirmation, visible to the kiosk or staff of its institution. */
  async pending(actor: Actor, scanId: string): Promise<ScanSession> {
    const session = await this.scans.find(scanId);
    if (!session) throw DomainError.notFound('This scan');
    assertMaySee(actor, session);
    if (session.status !== 'PENDING_CONFIRMATION' || session.expiresAt < new Date() || !session.sealedReading) throw scanGone(scanId, session);
    return session;
  }

  open(session: ScanSession): ScanReading {
    return JSON.parse(this.cipher.decrypt(session.sealedReading!)) as ScanReading;
  }

  private view(session: ScanSession, reading: ScanReading): ScanView {
    return {
      scanId: session.id,
      tempId: session.id,
      status: session.status,
      cardType: session.cardType as ScanView['cardType'],
      fields: reading.fields,
      confidences: reading.confidences,
      // Readings sealed before these were added (a scan lives 15 minutes) have neither.
      fieldsToCheck: reading.fieldsToCheck ?? [],
      suggestions: reading.suggestions ?? {},
      nikValidation: reading.nikValidation,
      warnings: reading.warnings,
      patientExists: session.patientExists,
      expiresAt: session.expiresAt.toISOString(),
    };
  }
}

/** Only the kiosk or staff of the scan's institution may see or act on it. */
export function assertMaySee(actor: Actor, session: Pick<ScanSession, 'institutionId'>): void {
  if (actor.kind === 'system') return;
  if ((actor.kind === 'kiosk' || isStaffActor(actor)) && actor.institutionId && actor.institutionId === session.institutionId) return;
  throw DomainError.notFound('This scan');
}

export function scanGone(scanId: string, session?: Pick<ScanSession, 'status'>): DomainError {
  const why =
    session?.status === 'CANCELLED'
      ? 'was cancelled'
      : session?.status === 'CONFIRMED'
        ? 'was confirmed already'
        : 'has expired; please scan the card again';
  return new DomainError(ErrorCode.CONFLICT, `Scan ${scanId} ${why}`, { scanId, status: session?.status ?? 'EXPIRED' });
}

function toReading(result: OcrResult): ScanReading {
  const fields: ScanReading['fields'] = {};
  const confidences: ScanReading['confidences'] = {};
  for (const [key, reading] of Object.entries(result.fields) as Array<[KtpFieldKey, { value: string; confidence: number }]>) {
    fields[key] = reading.value;
    confidences[key] = Math.round(reading.confidence * 1000) / 1000;
  }
  return {
    fields,
    confidences,
    fieldsToCheck: result.fieldsToCheck,
    suggestions: result.suggestions,
    nikValidation: result.nikValidation,
    warnings: result.warnings,
  };
}
