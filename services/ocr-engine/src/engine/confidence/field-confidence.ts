import type { KtpFieldKey } from '../result';
import { CALIBRATION } from './calibration';
import { FIELD_GROUP, featureVector, type FieldEvidence } from './field-evidence';

/**
 * Probability that a field's value is exactly what the card prints: a logistic model per field group
 * over the field's evidence, fitted on generated cards by `scripts/ocr-eval/calibrate.ts` (weights in
 * `calibration.ts`).
 */
export function probabilityRight(key: KtpFieldKey, evidence: FieldEvidence): number {
  const { bias, weights } = CALIBRATION.groups[FIELD_GROUP[key]];
  const x = featureVector(evidence);
  const z = x.reduce((s, v, i) => s + v * weights[i], bias);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fields a person should look at: those the card did not show readably, those a check of the card
 * found inconsistent (a NIK date part that disagrees with the printed birth date is genuine on about
 * one card in ten, but only a person can tell), and those read with a probability of being right
 * below the flag threshold (chosen on the tuning set so that most wrong fields are flagged and few
 * right ones). In the printed order.
 */
export function fieldsToCheck(
  probabilities: Partial<Record<KtpFieldKey, number>>,
  inconsistent: ReadonlySet<KtpFieldKey>,
  keys: readonly KtpFieldKey[],
): KtpFieldKey[] {
  return keys.filter((key) => {
    const p = probabilities[key];
    return p === undefined || inconsistent.has(key) || p < CALIBRATION.flagBelow;
  });
}
