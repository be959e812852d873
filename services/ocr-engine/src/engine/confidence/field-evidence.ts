import type { KtpFieldKey } from '../result';

/** What is known about how a field was read, beyond its value: the inputs of its calibrated confidence. */
export interface FieldEvidence {
  /** Mean recogniser probability of the field's characters. */
  recogniser: number;
  /** Edits made to reach the value from the reading (vocabulary or gazetteer snapping, digit fix-ups). */
  corrections: number;
  /** A check the card can make failed on this field (NIK against printed date/sex/region, region against NIK). */
  inconsistent: boolean;
  /** NIK only: score margin of the joint decoding over the runner-up (nats, capped). */
  nikMargin: number;
  /** NIK only: joint decoding changed digits of the recogniser's own best reading. */
  nikChanged: boolean;
  blurry: boolean;
  glare: boolean;
  /** Characters in the value. */
  length: number;
  /** The value is outside its field's vocabulary or gazetteer, or malformed (null: free text). */
  unknownValue: boolean;
}

/** Fields that share one calibration: they fail in similar ways. */
export type FieldGroup = 'nik' | 'closed' | 'region' | 'numeric' | 'free';

export const FIELD_GROUP: Readonly<Record<KtpFieldKey, FieldGroup>> = {
  nik: 'nik',
  jenisKelamin: 'closed',
  golonganDarah: 'closed',
  agama: 'closed',
  statusPerkawinan: 'closed',
  pekerjaan: 'closed',
  kewarganegaraan: 'closed',
  berlakuHingga: 'closed',
  provinsi: 'region',
  kabupatenKota: 'region',
  kecamatan: 'region',
  kelurahanDesa: 'region',
  tempatLahir: 'region',
  tanggalLahir: 'numeric',
  rtRw: 'numeric',
  nama: 'free',
  alamat: 'free',
};

/** Largest NIK margin that still tells something (beyond it the reading is simply clear). */
export const NIK_MARGIN_CAP = 10;

/** The feature vector of the calibration model, in the order of its weights. */
export function featureVector(e: FieldEvidence): number[] {
  const p = Math.min(0.9999, Math.max(1e-4, e.recogniser));
  return [
    Math.log(p / (1 - p)),
    Math.min(e.corrections, 4),
    e.inconsistent ? 1 : 0,
    Math.min(e.nikMargin, NIK_MARGIN_CAP) / NIK_MARGIN_CAP,
    e.nikChanged ? 1 : 0,
    e.blurry ? 1 : 0,
    e.glare ? 1 : 0,
    Math.log1p(e.length),
    e.unknownValue ? 1 : 0,
  ];
}

export const FEATURE_NAMES = ['logit recogniser', 'corrections', 'inconsistent', 'NIK margin', 'NIK changed', 'blurry', 'glare', 'log length', 'unknown value'] as const;
