import { KtpFieldKey, NikValidation, OcrWarning } from '@mediq/contracts';

/** What a scan session keeps (sealed) until the patient confirms: never written anywhere in clear. */
export interface ScanReading {
  fields: Partial<Record<KtpFieldKey, string>>;
  confidences: Partial<Record<KtpFieldKey, number>>;
  fieldsToCheck: KtpFieldKey[];
  suggestions: Partial<Record<KtpFieldKey, string>>;
  nikValidation: NikValidation | null;
  warnings: OcrWarning[];
}
