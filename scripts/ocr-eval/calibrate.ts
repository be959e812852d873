/**
 * Fits the engine's per-field confidence (probability of being right) on a labelled tuning folder:
 * one L2-regularised logistic regression per field group over `featureVector` (recogniser probability,
 * corrections, failed checks, NIK margin, image quality, length), and the flag threshold of
 * `fieldsToCheck`: the highest recall on the wrong fields whose false-flag rate on the right ones stays
 * within `--max-false-flags` (default 8 %). Writes `confidence/calibration.ts` with `--write`.
 * Fit on one seed, evaluate (`evaluate.ts`) on another: the two sets must be disjoint.
 *
 *   npx tsx --tsconfig scripts/ocr-eval/tsconfig.json scripts/ocr-eval/calibrate.ts --dir <tuning folder>
 *     [--card-detector <model.onnx>|none] [--max-false-flags 0.08] [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultModelPaths, OcrEngine, OcrError } from '../../services/ocr-engine/src/engine';
import { FEATURE_NAMES, FIELD_GROUP, featureVector, type FieldGroup } from '../../services/ocr-engine/src/engine/confidence/field-evidence';
import { KTP_FIELD_KEYS } from '../../services/ocr-engine/src/engine/result';
import { argument } from '../bench/platform';
import { readLabelledFolder } from './labelled-folder';
import { fitLogistic } from './logistic';
import { expectedValues } from './metrics';

interface Sample {
  group: FieldGroup;
  x: number[];
  right: boolean;
  /** Flagged whatever its probability (a failed check). */
  alwaysFlagged: boolean;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function main(): Promise<void> {
  const dir = path.resolve(argument('dir', ''));
  const maxFalseFlags = Number(argument('max-false-flags', '0.08'));
  const detectorPath = argument('card-detector', '');
  const models = { ...defaultModelPaths(), ...(detectorPath && { cardDetector: detectorPath === 'none' ? undefined : path.resolve(detectorPath) }) };
  const engine = await OcrEngine.create({ models });
  const samples: Sample[] = [];
  let missing = 0;
  for (const card of readLabelledFolder(dir).filter((c) => c.cardType === 'KTP' && c.fields)) {
    const expected = expectedValues(card.fields!);
    try {
      const { result, fieldEvidence } = await engine.processWithEvidence(readFileSync(card.imagePath));
      for (const key of KTP_FIELD_KEYS) {
        if (expected[key] === undefined) continue;
        const evidence = fieldEvidence[key];
        if (!evidence) {
          missing++;
          continue;
        }
        samples.push({ group: FIELD_GROUP[key], x: featureVector(evidence), right: result.fields[key]?.value === expected[key], alwaysFlagged: evidence.inconsistent });
      }
    } catch (error) {
      if (!(error instanceof OcrError)) throw error;
    }
  }
  await engine.release();

  const groups = {} as Record<FieldGroup, { bias: number; weights: number[] }>;
  for (const group of [...new Set(Object.values(FIELD_GROUP))]) {
    const mine = samples.filter((s) => s.group === group);
    const fit = fitLogistic(mine);
    groups[group] = { bias: round(fit.bias), weights: fit.weights.map(round) };
    console.log(`${group}: ${mine.length} fields, ${mine.filter((s) => !s.right).length} wrong; bias ${groups[group].bias}, ${FEATURE_NAMES.map((n, i) => `${n} ${groups[group].weights[i]}`).join(', ')}`);
  }
  const probability = (s: Sample) => {
    const { bias, weights } = groups[s.group];
    return 1 / (1 + Math.exp(-s.x.reduce((acc, v, i) => acc + v * weights[i], bias)));
  };
  const wrong = samples.filter((s) => !s.right).length + missing;
  const right = samples.filter((s) => s.right).length;
  let best = { threshold: 0, recall: -1, falseFlags: 0 };
  for (let t = 0.3; t <= 0.995; t += 0.005) {
    const flagged = samples.filter((s) => s.alwaysFlagged || probability(s) < t);
    const recall = (flagged.filter((s) => !s.right).length + missing) / wrong;
    const falseFlags = flagged.filter((s) => s.right).length / right;
    if (falseFlags <= maxFalseFlags && recall > best.recall) best = { threshold: round(t), recall, falseFlags };
  }
  console.log(`flag below ${best.threshold}: recall ${(100 * best.recall).toFixed(1)} % of ${wrong} wrong fields (${missing} missing), false flags ${(100 * best.falseFlags).toFixed(1)} % of ${right} right ones`);

  const source = `import type { FieldGroup } from './field-evidence';

/** Logistic weights per field group, in the order of \`featureVector\`. */
export interface Calibration {
  groups: Record<FieldGroup, { bias: number; weights: number[] }>;
  /** A field whose probability of being right is below this goes into \`fieldsToCheck\`. */
  flagBelow: number;
}

/**
 * Fitted by \`scripts/ocr-eval/calibrate.ts --dir ${path.basename(dir)}\` (${samples.length} read fields, ${wrong} wrong).
 * Regenerate after changing the engine's reading or \`featureVector\`.
 */
export const CALIBRATION: Calibration = {
  groups: {
${Object.entries(groups).map(([group, g]) => `    ${group}: { bias: ${g.bias}, weights: [${g.weights.join(', ')}] },`).join('\n')}
  },
  flagBelow: ${best.threshold},
};
`;
  if (process.argv.includes('--write')) writeFileSync(path.join(__dirname, '../../services/ocr-engine/src/engine/confidence/calibration.ts'), source);
  else console.log(source);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
