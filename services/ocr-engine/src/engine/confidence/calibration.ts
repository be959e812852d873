import type { FieldGroup } from './field-evidence';

/** Logistic weights per field group, in the order of `featureVector`. */
export interface Calibration {
  groups: Record<FieldGroup, { bias: number; weights: number[] }>;
  /** A field whose probability of being right is below this goes into `fieldsToCheck`. */
  flagBelow: number;
}

/**
 * Fitted by `scripts/ocr-eval/calibrate.ts --dir ocr-tune2-5151` (869 read fields, 220 wrong).
 * Regenerate after changing the engine's reading or `featureVector`.
 */
export const CALIBRATION: Calibration = {
  groups: {
    nik: { bias: -5.755, weights: [1.61, -0.113, -0.225, 0.213, 0, -0.266, -0.048, -0.189, -0.23] },
    closed: { bias: 1.4, weights: [0.818, 0.396, 0, 0, 0, -0.016, 0.066, -0.333, -1.826] },
    region: { bias: 1.114, weights: [0.767, 0.284, -0.473, -0.001, 0, 0.111, -0.253, -0.099, -1.586] },
    numeric: { bias: -0.818, weights: [1.261, -0.631, -0.469, -0.003, 0, 0.142, -0.375, 0.087, -0.592] },
    free: { bias: 1.584, weights: [0.756, -0.797, 0, 0, 0, 0.035, -0.079, -1.047, 0] },
  },
  flagBelow: 0.76,
};
