import type { FieldGroup } from './field-evidence';

/** Logistic weights per field group, in the order of `featureVector`. */
export interface Calibration {
  groups: Record<FieldGroup, { bias: number; weights: number[] }>;
  /** A field whose probability of being right is below this goes into `fieldsToCheck`. */
  flagBelow: number;
}

/**
 * Fitted by `scripts/ocr-eval/calibrate.ts --dir tune` (869 read fields, 212 wrong).
 * Regenerate after changing the engine's reading or `featureVector`.
 */
export const CALIBRATION: Calibration = {
  groups: {
    nik: { bias: -5.775, weights: [1.611, -0.111, -0.222, 0.218, 0, -0.276, -0.047, -0.191, -0.228] },
    closed: { bias: 1.326, weights: [0.809, 0.388, 0, 0, 0, -0.018, 0.066, -0.288, -1.843] },
    region: { bias: 1.098, weights: [0.765, 0.281, -0.473, -0.001, 0, 0.109, -0.252, -0.091, -1.583] },
    numeric: { bias: -0.803, weights: [1.255, -0.634, -0.47, -0.003, 0, 0.142, -0.375, 0.09, -0.592] },
    free: { bias: 0.854, weights: [1.135, -0.885, 0, 0, 0, -0.08, -0.174, -1.006, 0] },
  },
  flagBelow: 0.79,
};
