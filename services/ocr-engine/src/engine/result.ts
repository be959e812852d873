/** The reading types are shared contracts (the kiosk flow and the web kiosk use them too); engine-only types follow. */
export {
  type CardType,
  type Point,
  type Quad,
  type FieldReading,
  KTP_FIELD_KEYS,
  type KtpFieldKey,
  type KtpFields,
  type OcrWarningCode,
  type OcrWarning,
  type OcrStage,
  type OcrResult,
} from '@mediq/contracts';

export interface ModelInfo {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
  version: string;
}

export interface OcrHealth {
  status: 'ok';
  onnxruntime: string;
  intraOpThreads: number;
  models: ModelInfo[];
  cardDetector: 'model' | 'whole-image-fallback';
}
