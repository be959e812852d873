import type { FieldGroup } from './field-evidence';

/** Logistic weights per field group, in the order of `featureVector`. */
export interface Calibration {
  groups: Record<FieldGroup, { bias: number; weights: number[] }>;
  /** A field whose probability of being right is below this goes into `fieldsToCheck`. */
  flagBelow: number;
}

/**
 * Fitted by `scripts/ocr-eval/calibrate.ts --dir ocr-tune2-5151` (869 read fields, 212 wrong).
 * Regenerate after changing the engine's reading or `featureVector`.
 */
export const CALIBRATION: Calibration = {
  groups: {
    nik: { bias: -5.755, weights: [1.61, -0.113, -0.225, 0.213, 0, -0.266, -0.048, -0.189, -0.23] },
    closed: { bias: 1.342, weights: [0.813, 0.394, 0, 0, 0, -0.017, 0.067, -0.3, -1.836] },
    region: { bias: 1.084, weights: [0.765, 0.283, -0.474, -0.001, 0, 0.11, -0.252, -0.085, -1.587] },
    numeric: { bias: -0.817, weights: [1.261, -0.632, -0.469, -0.003, 0, 0.142, -0.375, 0.087, -0.592] },
    free: { bias: 0.511, weights: [0.945, -0.56, 0, 0, 0, -0.111, -0.162, -0.707, 0] },
  },
  flagBelow: 0.775,
};
