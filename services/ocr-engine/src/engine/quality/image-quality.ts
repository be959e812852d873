import type { RgbImage } from '../geometry/rgb-image';

export interface ImageQuality {
  /** Variance of the Laplacian of the luminance: low means blurry. */
  sharpness: number;
  /** Share of pixels blown out to white (glare on the lamination). */
  glareFraction: number;
}

/** Below this Laplacian variance, text edges are soft enough to hurt recognition. */
export const BLUR_THRESHOLD = 60;
/** Above this share of glare pixels among the text, glare likely hides some of it. */
export const GLARE_THRESHOLD = 0.02;
/** A glare pixel is near white and this much brighter than the card's median (a uniformly pale card is not glare). */
const GLARE_MIN_CHANNEL = 235;
const GLARE_ABOVE_MEDIAN = 35;

export interface Region {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Sharpness and glare inside `region` (the printed text's extent), sampled every `step` pixels. */
export function measureQuality(image: RgbImage, region: Region, step = 3): ImageQuality {
  const { data, width } = image;
  const x0 = Math.max(step, Math.floor(region.left));
  const y0 = Math.max(step, Math.floor(region.top));
  const x1 = Math.min(width - step, Math.ceil(region.right));
  const y1 = Math.min(image.height - step, Math.ceil(region.bottom));
  const luma = (x: number, y: number) => {
    const o = (y * width + x) * 3;
    return 0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2];
  };
  let sum = 0;
  let sumSquares = 0;
  // Typed arrays: a card has ~100,000 sample points, and a typed array sorts numerically without a comparator.
  const lumas = new Float64Array(Math.max(0, Math.ceil((x1 - x0) / step)) * Math.max(0, Math.ceil((y1 - y0) / step)));
  const nearWhite: number[] = [];
  let count = 0;
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      const centre = luma(x, y);
      const laplacian = luma(x - 1, y) + luma(x + 1, y) + luma(x, y - 1) + luma(x, y + 1) - 4 * centre;
      sum += laplacian;
      sumSquares += laplacian * laplacian;
      lumas[count++] = centre;
      const o = (y * width + x) * 3;
      if (Math.min(data[o], data[o + 1], data[o + 2]) >= GLARE_MIN_CHANNEL) nearWhite.push(centre);
    }
  }
  if (!count) return { sharpness: 0, glareFraction: 0 };
  const mean = sum / count;
  const medianLuma = lumas.subarray(0, count).sort()[count >> 1];
  const glare = nearWhite.filter((l) => l >= medianLuma + GLARE_ABOVE_MEDIAN).length;
  return { sharpness: sumSquares / count - mean * mean, glareFraction: glare / count };
}
