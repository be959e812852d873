import type { RotatedBox } from '../geometry/rotated-box';
import type { RgbImage } from '../geometry/rgb-image';

/**
 * Ink contrast of a text box: median luminance of the box minus its 5th percentile (the darkest
 * strokes). Printed text is dark on the light card; the card's pale security print
 * (`KARTU TANDA PENDUDUK` repeated diagonally) is faint, so it scores far lower.
 */
export function inkContrast(image: RgbImage, box: RotatedBox, samplesPerSide = 24): number {
  const { data, width, height } = image;
  const ux = Math.cos(box.angle);
  const uy = Math.sin(box.angle);
  const lumas: number[] = [];
  const rows = Math.max(4, Math.round(samplesPerSide * Math.min(1, box.height / box.width) * 2));
  const cols = samplesPerSide * 2;
  for (let j = 0; j < rows; j++) {
    const v = ((j + 0.5) / rows - 0.5) * box.height * 0.8;
    for (let i = 0; i < cols; i++) {
      const u = ((i + 0.5) / cols - 0.5) * box.width;
      const x = Math.round(box.cx + u * ux - v * uy);
      const y = Math.round(box.cy + u * uy + v * ux);
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      const o = (y * width + x) * 3;
      lumas.push(0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2]);
    }
  }
  if (lumas.length < 8) return 0;
  lumas.sort((a, b) => a - b);
  return lumas[lumas.length >> 1] - lumas[Math.floor(lumas.length * 0.05)];
}
