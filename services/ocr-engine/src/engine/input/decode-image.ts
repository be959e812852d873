import sharp, { type Metadata } from 'sharp';
import { OcrError } from '../errors';
import type { RgbImage } from '../geometry/rgb-image';
import { sniffImageType, type ImageType } from './sniff-image-type';

export interface DecodeLimits {
  maxBytes: number;
  maxPixels: number;
  /** The decoded image is downscaled so that its long side is at most this. */
  maxWorkingSide: number;
  /** Shorter inputs cannot hold a readable card. */
  minSide: number;
}

export interface DecodedImage {
  type: ImageType;
  image: RgbImage;
  /** Size of the EXIF-oriented original, before downscaling. */
  originalWidth: number;
  originalHeight: number;
}

/** EXIF orientations 5-8 swap width and height. */
function isTransposed(orientation: number | undefined): boolean {
  return orientation !== undefined && orientation >= 5 && orientation <= 8;
}

/**
 * Validates and decodes untrusted image bytes: sniffs the type, bounds bytes and pixels from the
 * header before any pixel is decoded, applies the EXIF orientation and returns bounded RGB pixels.
 */
export async function decodeImage(bytes: Buffer, limits: DecodeLimits): Promise<DecodedImage> {
  if (bytes.length > limits.maxBytes) {
    throw new OcrError('IMAGE_TOO_LARGE', `Image is ${bytes.length} bytes; the limit is ${limits.maxBytes}.`);
  }
  const type = sniffImageType(bytes);
  if (!type) {
    throw new OcrError('UNSUPPORTED_MEDIA_TYPE', 'Only JPEG, PNG and WebP images are accepted.');
  }

  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: limits.maxPixels }).metadata();
  } catch (cause) {
    if (cause instanceof Error && /pixel limit/i.test(cause.message)) {
      throw new OcrError('IMAGE_TOO_LARGE', `Image has more than ${limits.maxPixels} pixels.`, { cause });
    }
    throw new OcrError('IMAGE_CORRUPT', 'The image header cannot be read.', { cause });
  }
  const { width, height } = metadata;
  if (!width || !height) throw new OcrError('IMAGE_CORRUPT', 'The image has no dimensions.');
  if (width * height > limits.maxPixels) {
    throw new OcrError(
      'IMAGE_TOO_LARGE',
      `Image is ${width}x${height} pixels; the limit is ${limits.maxPixels} pixels.`,
    );
  }
  const [originalWidth, originalHeight] = isTransposed(metadata.orientation) ? [height, width] : [width, height];
  if (Math.min(originalWidth, originalHeight) < limits.minSide) {
    throw new OcrError('IMAGE_TOO_SMALL', `Image is ${originalWidth}x${originalHeight}; a card needs at least ${limits.minSide} px on the short side.`);
  }

  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated' })
      .rotate()
      .resize({ width: limits.maxWorkingSide, height: limits.maxWorkingSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
    return {
      type,
      image: { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height },
      originalWidth,
      originalHeight,
    };
  } catch (cause) {
    throw new OcrError('IMAGE_CORRUPT', 'The image data is damaged or truncated.', { cause });
  }
}
