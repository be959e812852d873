import sharp from 'sharp';
import { pngClaiming } from '../../../test/support/crafted-images';
import { OcrError } from '../errors';
import { decodeImage, type DecodeLimits } from './decode-image';
import { sniffImageType } from './sniff-image-type';

const LIMITS: DecodeLimits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxWorkingSide: 2048, minSide: 64 };

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(OcrError);
  await expect(promise).rejects.toMatchObject({ code });
}

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP from their bytes', async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } });
    expect(sniffImageType(await base.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageType(await base.clone().png().toBuffer())).toBe('png');
    expect(sniffImageType(await base.clone().webp().toBuffer())).toBe('webp');
  });

  it('rejects anything else, however it is named', async () => {
    expect(sniffImageType(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('decodeImage', () => {
  it('decodes to bounded RGB pixels', async () => {
    const png = await sharp({ create: { width: 3000, height: 1000, channels: 4, background: '#abc' } }).png().toBuffer();
    const { type, image, originalWidth } = await decodeImage(png, LIMITS);
    expect(type).toBe('png');
    expect(originalWidth).toBe(3000);
    expect(image.width).toBe(2048);
    expect(image.data.length).toBe(image.width * image.height * 3);
  });

  it('applies the EXIF orientation', async () => {
    const sideways = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#fff' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { image, originalWidth, originalHeight } = await decodeImage(sideways, LIMITS);
    expect([image.width, image.height]).toEqual([200, 400]);
    expect([originalWidth, originalHeight]).toEqual([200, 400]);
  });

  it('refuses non-images with UNSUPPORTED_MEDIA_TYPE', async () => {
    await expectCode(decodeImage(Buffer.from('<html>not an image</html>'), LIMITS), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses oversized payloads before looking at them', async () => {
    const big = Buffer.alloc(LIMITS.maxBytes + 1);
    big.set([0xff, 0xd8, 0xff]);
    await expectCode(decodeImage(big, LIMITS), 'IMAGE_TOO_LARGE');
  });

  it('refuses a 20000 x 20000 PNG from its header alone', async () => {
    await expectCode(decodeImage(pngClaiming(20000, 20000), LIMITS), 'IMAGE_TOO_LARGE');
  });

  it('refuses a truncated JPEG with IMAGE_CORRUPT', async () => {
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg()
      .toBuffer();
    await expectCode(decodeImage(jpeg.subarray(0, Math.floor(jpeg.length / 2)), LIMITS), 'IMAGE_CORRUPT');
  });

  it('refuses a header that is just over the pixel limit', async () => {
    await expectCode(decodeImage(pngClaiming(8000, 5001), LIMITS), 'IMAGE_TOO_LARGE');
  });

  it('refuses a JPEG with a garbage body with IMAGE_CORRUPT', async () => {
    await expectCode(decodeImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]), LIMITS), 'IMAGE_CORRUPT');
  });

  it('refuses images too small to hold a card', async () => {
    const tiny = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } }).png().toBuffer();
    await expectCode(decodeImage(tiny, LIMITS), 'IMAGE_TOO_SMALL');
  });
});
