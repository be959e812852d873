import { MAX_IMAGE_BYTES } from '@mediq/contracts';
/** Where the model files live; the engine verifies each at start-up. */
export interface OcrModelPaths {
  textDetection: string;
  textRecognition: string;
  /** Character dictionary of the recogniser, one character a line. */
  recognitionDictionary: string;
  /** YOLO-style card detector; when absent the whole image is treated as the card (with a warning). */
  cardDetector?: string;
}

export interface OcrEngineOptions {
  models: OcrModelPaths;
  /** Optional expected SHA-256 per model file (hex); a mismatch fails start-up. */
  expectedChecksums?: Partial<Record<keyof OcrModelPaths, string>>;
  /** onnxruntime intra-op threads per session (default 2). */
  intraOpThreads?: number;
  /** Requests whose inference may run at once; the rest wait in order (default 1). */
  maxConcurrentRequests?: number;
  /** Refuse larger payloads before decoding (default 10 MB). */
  maxBytes?: number;
  /** Refuse images with more pixels, read from the header before decoding (default 40 MP). */
  maxPixels?: number;
  /** Long side of the text detector's input (default 960, PaddleOCR's own limit). */
  detectionMaxSide?: number;
  /** Text lines recognised per onnxruntime call at most (default 8). */
  recognitionBatchSize?: number;
  /**
   * Padded width of a recognition batch at most, in pixels at 48 px height (default 2048): the
   * recogniser's last layers hold 6,625 class scores per 8 px of it, so 8 crops of 1,600 px would
   * need ~40 MB per intermediate tensor; wide lines are read in smaller batches instead.
   */
  recognitionBatchMaxWidth?: number;
  /** Folder of the `idn-area-data` CSV files (default: the installed package's). */
  regionDataDir?: string;
  /** Lowest card detector score that counts as a card (default 0.7, as models/README.md recommends). */
  cardDetectorThreshold?: number;
  /** Run one dummy image through the models in `create` (default true). */
  warmUp?: boolean;
}

export type ResolvedOcrEngineOptions = Required<Omit<OcrEngineOptions, 'expectedChecksums' | 'regionDataDir'>> &
  Pick<OcrEngineOptions, 'expectedChecksums' | 'regionDataDir'>;

export const DEFAULT_LIMITS = {
  intraOpThreads: 2,
  maxConcurrentRequests: 1,
  maxBytes: MAX_IMAGE_BYTES,
  maxPixels: 40_000_000,
  detectionMaxSide: 960,
  recognitionBatchSize: 8,
  recognitionBatchMaxWidth: 2048,
  cardDetectorThreshold: 0.7,
  warmUp: true,
} as const;

export function resolveOptions(options: OcrEngineOptions): ResolvedOcrEngineOptions {
  return { ...DEFAULT_LIMITS, ...options };
}
