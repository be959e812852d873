/** The OCR engine's reading of a KTP photo: shared by the engine, the kiosk flow and the web kiosk. */
import type { NikValidation } from './nik';
import { rpc } from './rpc';

export type CardType = 'KTP' | 'SIM' | 'OTHER' | 'UNKNOWN';

export interface Point {
  x: number;
  y: number;
}

/** Four corners in the (EXIF-oriented) input image: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

export interface FieldReading {
  value: string;
  /**
   * Probability that the value is exactly what the card prints, 0..1: calibrated from the recogniser's
   * character probabilities, the card's own consistency checks, the gazetteer and image quality.
   */
  confidence: number;
}

/** Field keys as printed on the KTP, top to bottom. Dates are ISO `YYYY-MM-DD`. */
export const KTP_FIELD_KEYS = [
  'provinsi',
  'kabupatenKota',
  'nik',
  'nama',
  'tempatLahir',
  'tanggalLahir',
  'jenisKelamin',
  'golonganDarah',
  'alamat',
  'rtRw',
  'kelurahanDesa',
  'kecamatan',
  'agama',
  'statusPerkawinan',
  'pekerjaan',
  'kewarganegaraan',
  'berlakuHingga',
] as const;

export type KtpFieldKey = (typeof KTP_FIELD_KEYS)[number];
export type KtpFields = Partial<Record<KtpFieldKey, FieldReading>>;

export type OcrWarningCode =
  | 'DETECTOR_FALLBACK'
  | 'BLURRY'
  | 'GLARE'
  | 'CARD_CUT_OFF'
  | 'CARD_MOSTLY_UNREAD'
  | 'FIELD_MISSING'
  | 'NIK_INVALID'
  | 'NIK_BIRTH_DATE_MISMATCH'
  | 'NIK_GENDER_MISMATCH'
  | 'NIK_UNCERTAIN'
  | 'REGION_SUGGESTED'
  | 'REGION_MISMATCH'
  | 'REGION_UNKNOWN'
  | 'NOT_A_KTP'
  | 'CARD_ROTATED';

export interface OcrWarning {
  code: OcrWarningCode;
  message: string;
  /** Field concerned, when there is one. */
  field?: KtpFieldKey;
}

export type OcrStage =
  | 'decode'
  | 'cardDetection'
  | 'rectify'
  | 'textDetection'
  | 'textRecognition'
  | 'parse'
  | 'total';

/** What the OCR engine read from one photo. */
export interface OcrResult {
  cardType: CardType;
  card: {
    corners: Quad;
    confidence: number;
    /** `model` when the card detector found it, `whole-image` for the fallback. */
    source: 'model' | 'whole-image';
  };
  fields: KtpFields;
  /** The fields a person should look at (likely misread): the kiosk highlights exactly these. */
  fieldsToCheck: KtpFieldKey[];
  /**
   * Values for fields the card did not show readably, from the NIK's region code: offered to the
   * patient to confirm, never filled in (a misread NIK would name another region).
   */
  suggestions: Partial<Record<KtpFieldKey, string>>;
  /** Null when no NIK could be read. */
  nikValidation: NikValidation | null;
  warnings: OcrWarning[];
  timingsMs: Record<OcrStage, number>;
}

export interface ProcessImageRequest {
  /** The photo's bytes, base64-encoded (JPEG, PNG or WebP; at most 10 MB). */
  imageBase64: string;
}

export const OcrEngineContracts = {
  process: rpc<ProcessImageRequest, OcrResult>('ocr-engine', 'ocr-engine.process'),
} as const;
