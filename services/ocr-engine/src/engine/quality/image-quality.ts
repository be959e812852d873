import type { RgbImage } from '../geometry/rgb-image';

export interface ImageQuality {
  /** Variance of the Laplacian of the luminance: low means blurry. */
  sharpness: number;
  /** Share of pixels blown out to white (glare on the lamination). */
  glareFraction: number;
}

/** Below this Laplacian variance, text edges are soft enough to hurt recognition. */
export const BLUR_THRESHOLD = 60;
/** Above this share of saturated pixels, glare likely hides some text. */
export const GLARE_THRESHOLD = 0.02;

/** Sharpness and glare of an image, sampled every `step` pixels to stay cheap. */
export function measureQuality(image: RgbImage, step = 2): ImageQuality {
  const { data, width, height } = image;
  const luma = (x: number, y: number) => {
    const o = (y * width + x) * 3;
    return 0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2];
  };
  let sum = 0;
  let sumSquares = 0;
  let count = 0;
  let saturated = 0;
  let sampled = 0;
  for (let y = step; y < height - step; y += step) {
    for (let x = step; x < width - step; x += step) {
      const centre = luma(x, y);
      const laplacian = luma(x - 1, y) + luma(x + 1, y) + luma(x, y - 1) + luma(x, y + 1) - 4 * centre;
      sum += laplacian;
      sumSquares += laplacian * laplacian;
      count++;
      const o = (y * width + x) * 3;
      sampled++;
      if (data[o] > 248 && data[o + 1] > 248 && data[o + 2] > 248) saturated++;
    }
  }
  const mean = count ? sum / count : 0;
  return { sharpness: count ? sumSquares / count - mean * mean : 0, glareFraction: sampled ? saturated / sampled : 0 };
}
