import type { NikValidation } from './nik';
import type { CardType, KtpFieldKey, OcrWarning } from './ocr-engine';
import type { PriorityCategory, TicketPriority, TicketWithPosition } from './queue';
import { rpc } from './rpc';
import type { FollowLink } from './ticket-follow';

/**
 * The kiosk registration flow: a photo is read into a scan session (15 minutes, fields encrypted at
 * rest, no image kept), the patient corrects and confirms it, and the confirmation registers or finds
 * the patient and issues a ticket. Confirming is idempotent per scan.
 */
export type ScanStatus = 'PENDING_CONFIRMATION' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED';

/** KTP fields by their printed label; dates ISO `YYYY-MM-DD` (`berlakuHingga` may be `SEUMUR HIDUP`). */
export type KtpFieldValues = Partial<Record<KtpFieldKey, string>>;

export interface UploadScanRequest {
  /** JPEG, PNG or WebP bytes, base64-encoded; the type is sniffed from the bytes, never trusted from a name. */
  imageBase64: string;
}

export interface ScanView {
  scanId: string;
  /** The same id, under the name older MediQ kiosks use. */
  tempId: string;
  status: ScanStatus;
  cardType: CardType;
  fields: KtpFieldValues;
  /** Probability per field that it was read right, 0..1 (calibrated). */
  confidences: Partial<Record<KtpFieldKey, number>>;
  /** Fields the patient should look at (likely misread, or not readable): the kiosk highlights exactly these. */
  fieldsToCheck: KtpFieldKey[];
  /** Values offered for fields the card did not show readably (from the NIK's region code): to confirm, never filled in. */
  suggestions: Partial<Record<KtpFieldKey, string>>;
  nikValidation: NikValidation | null;
  warnings: OcrWarning[];
  /** Whether a patient with the read NIK is registered already. */
  patientExists: boolean;
  expiresAt: string;
}

export interface ConfirmScanRequest {
  /** The scan to confirm. Omitted for staff typing a card by hand (then `requestId` is required). */
  scanId?: string;
  /** Idempotency key of a typed registration: the same key returns the same patient and ticket. */
  requestId?: string;
  /** The fields as the patient or operator corrected them (all that the card shows; at least nik and nama). */
  fields: KtpFieldValues;
  institutionId: string;
  serviceId: string;
  priority?: TicketPriority;
  /** A priority category the patient declares at the kiosk (lansia is also derived from the card's birth date). */
  category?: PriorityCategory;
}

/**
 * A confirmed card: the patient's id (nothing else of the record: the kiosk is a public screen) and
 * the ticket with its follow link for the printed QR code. No session token: the patient signs in
 * with NIK + name on their own phone for the full account.
 */
export interface ConfirmScanReply extends FollowLink {
  scanId: string;
  patientId: string;
  /** true when this confirmation registered the patient, false when they existed. */
  patientCreated: boolean;
  ticket: TicketWithPosition;
  /** Things a person should check (a NIK whose date part disagrees with the printed birth date...). */
  warnings: Array<{ rule: string; message: string }>;
}

export const OcrContracts = {
  upload: rpc<UploadScanRequest, ScanView>('ocr', 'ocr.upload'),
  findScan: rpc<{ scanId: string }, ScanView>('ocr', 'ocr.scan.find'),
  confirm: rpc<ConfirmScanRequest, ConfirmScanReply>('ocr', 'ocr.confirm'),
  cancel: rpc<{ scanId: string }, { scanId: string; status: 'CANCELLED' }>('ocr', 'ocr.scan.cancel'),
} as const;
