import type { FieldGroup } from './field-evidence';

/** Logistic weights per field group, in the order of `featureVector`. */
export interface Calibration {
  groups: Record<FieldGroup, { bias: number; weights: number[] }>;
  /** A field whose probability of being right is below this goes into `fieldsToCheck`. */
  flagBelow: number;
}

/**
 * Fitted by `scripts/ocr-eval/calibrate.ts --dir ocr-tune2-5151` (869 read fields, 223 wrong).
 * Regenerate after changing the engine's reading or `featureVector`.
 */
export const CALIBRATION: Calibration = {
  groups: {
    nik: { bias: -6.139, weights: [1.664, -0.136, -0.009, 0.186, 0, -0.236, -0.055, -0.187] },
    closed: { bias: 0.775, weights: [1.063, 0.538, 0, 0, 0, -0.001, 0.088, -0.515] },
    region: { bias: 0.334, weights: [0.985, 0.386, -0.605, -0.001, 0, 0.143, -0.286, -0.16] },
    numeric: { bias: -0.802, weights: [1.257, -0.721, -0.464, -0.003, 0, 0.146, -0.402, 0.077] },
    free: { bias: 1.782, weights: [0.775, -0.752, 0, 0, 0, 0.097, -0.064, -1.188] },
  },
  flagBelow: 0.71,
};
