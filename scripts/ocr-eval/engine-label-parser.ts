import { parseKtp } from '../../services/ocr-engine/src/engine/ktp-parser/ktp-parser';
import { looksLikeKtp, readKtp, type KtpReading } from '../../services/ocr-engine/src/engine/ktp-reading';
import { groupLines, type TextItem } from '../../services/ocr-engine/src/engine/layout/line-grouping';
import type { RegionLookup } from '../../services/ocr-engine/src/engine/regions/region-lookup';

/**
 * The generic label parser the off-the-shelf baselines are scored with: another recogniser's text boxes
 * through the engine's own line grouping, KTP parser, normalisation and gazetteer, so that a comparison
 * with the engine isolates text detection and recognition. Such a recogniser gives no per-digit NIK
 * candidates and no image-quality evidence; `null` when the text does not read as a KTP.
 */
export function readKtpFromTextBoxes(items: TextItem[], regions: RegionLookup): KtpReading | null {
  const parsed = parseKtp(groupLines(items));
  return looksLikeKtp(parsed) ? readKtp(parsed, regions, { nikDigits: null, blurry: false, glare: false }) : null;
}
