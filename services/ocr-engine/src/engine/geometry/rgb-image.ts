/** Interleaved 8-bit RGB pixels, row-major. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Bilinear sample of one channel at a fractional position, clamped to the image. */
export function sampleBilinear(image: RgbImage, x: number, y: number, channel: number): number {
  const { data, width, height } = image;
  const cx = Math.min(Math.max(x, 0), width - 1);
  const cy = Math.min(Math.max(y, 0), height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const row0 = y0 * width;
  const row1 = y1 * width;
  const a = data[(row0 + x0) * 3 + channel];
  const b = data[(row0 + x1) * 3 + channel];
  const c = data[(row1 + x0) * 3 + channel];
  const d = data[(row1 + x1) * 3 + channel];
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}
