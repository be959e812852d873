import type { FieldGroup } from './field-evidence';

/** Logistic weights per field group, in the order of `featureVector`. */
export interface Calibration {
  groups: Record<FieldGroup, { bias: number; weights: number[] }>;
  /** A field whose probability of being right is below this goes into `fieldsToCheck`. */
  flagBelow: number;
}

const UNFITTED = { bias: 0, weights: [1, -0.5, -2, 2, -1, -0.5, -0.5, 0] };

export const CALIBRATION: Calibration = {
  groups: { nik: UNFITTED, closed: UNFITTED, region: UNFITTED, numeric: UNFITTED, free: UNFITTED },
  flagBelow: 0.9,
};
