import type { RgbImage } from '../geometry/rgb-image';
import type { DetectedText } from './db-text-detector';
import { inkContrast } from './ink-contrast';

/** A box keeps only with at least this share of the ink contrast of the clearest printed text. */
const MIN_RELATIVE_CONTRAST = 0.4;
/** Long boxes tilted this much against the page are security print or background, not card text. */
const MAX_ANGLE_DEVIATION = (12 * Math.PI) / 180;

function percentile(values: number[], p: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * Keeps the printed text of the card: drops faint boxes (the pale `KARTU TANDA PENDUDUK` guilloche,
 * whose contrast is a fraction of the printed text's) and long boxes at an angle to the page (the
 * diagonal security print), before any time is spent recognising them.
 */
export function keepPrintedText(image: RgbImage, texts: DetectedText[]): DetectedText[] {
  if (!texts.length) return texts;
  const contrasts = texts.map((t) => inkContrast(image, t.box));
  const reference = percentile(contrasts, 0.9);
  const dark = texts.filter((_, i) => contrasts[i] >= MIN_RELATIVE_CONTRAST * reference);
  const angles = dark.filter((t) => t.box.width > 3 * t.box.height).map((t) => t.box.angle);
  if (!angles.length) return dark;
  const skew = percentile(angles, 0.5);
  return dark.filter((t) => t.box.width <= 3 * t.box.height || Math.abs(t.box.angle - skew) <= MAX_ANGLE_DEVIATION);
}
