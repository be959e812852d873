/**
 * @jest-environment ./test/support/onnx-test-environment.js
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { checksumsFromFile, defaultModelPaths, OcrEngine, OcrError, type OcrErrorCode } from '../src/engine';
import { KTP_FIELD_KEYS } from '../src/engine/result';
import { RECOGNITION_HEIGHT } from '../src/engine/text-recognition/crop-text-line';
import { pngClaiming } from './support/crafted-images';
import { countRecognitionWork } from './support/recognition-work';
import { photographCard, randomKtp, renderKtp } from './support/synthetic-ktp';

const FIXTURES = path.join(__dirname, 'fixtures', 'cards');

function fixture(name: string): { bytes: Buffer; fields: Record<string, string> } {
  const label = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
  return { bytes: readFileSync(path.join(FIXTURES, label.image)), fields: label.fields };
}

async function refusal(engine: OcrEngine, bytes: Buffer): Promise<OcrErrorCode> {
  try {
    await engine.process(bytes);
  } catch (error) {
    if (error instanceof OcrError) return error.code;
    throw error;
  }
  throw new Error('the image was accepted');
}

describe('OcrEngine with the real ONNX models', () => {
  let engine: OcrEngine;

  beforeAll(async () => {
    const models = defaultModelPaths();
    engine = await OcrEngine.create({ models, expectedChecksums: checksumsFromFile(models) });
  }, 120_000);

  afterAll(async () => {
    await engine?.release();
  });

  it('refuses to start when a model file does not match its checksum', async () => {
    const models = defaultModelPaths();
    await expect(OcrEngine.create({ models, expectedChecksums: { textDetection: '0'.repeat(64) }, warmUp: false })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
    });
    await expect(OcrEngine.create({ models: { ...models, textRecognition: '/nonexistent/rec.onnx' }, warmUp: false })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
    });
  }, 60_000);

  it('reports its models with checksums', () => {
    const health = engine.health();
    expect(health.models.map((m) => m.name)).toEqual(expect.arrayContaining(['text-detection', 'text-recognition', 'recognition-dictionary']));
    for (const model of health.models) expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a synthetic KTP with NIK and name exact', async () => {
    const card = randomKtp(11);
    const result = await engine.process(await renderKtp(card));
    expect(result.cardType).toBe('KTP');
    expect(result.fields.nik?.value).toBe(card.nik);
    expect(result.fields.nama?.value).toBe(card.nama);
    expect(result.nikValidation?.valid).toBe(true);
    expect(result.timingsMs.total).toBeGreaterThan(0);
  }, 60_000);

  it('reads a card scanned tight to its edge without calling it cut off', async () => {
    const card = randomKtp(16);
    const result = await engine.process(await renderKtp(card));
    expect(result.fields.nik?.value).toBe(card.nik);
    expect(result.warnings.map((w) => w.code)).not.toContain('CARD_CUT_OFF');
    expect(KTP_FIELD_KEYS).toEqual(expect.arrayContaining(result.fieldsToCheck));
  }, 60_000);

  it.each([90, 180, 270])('turns a card photographed at %i degrees and reads it', async (angle) => {
    const card = randomKtp(17);
    const turned = await sharp(await renderKtp(card)).rotate(angle).jpeg({ quality: 92 }).toBuffer();
    const result = await engine.process(turned);
    expect(result.cardType).toBe('KTP');
    expect(result.fields.nik?.value).toBe(card.nik);
    expect(result.warnings.map((w) => w.code)).toContain('CARD_ROTATED');
  }, 180_000);

  it('reads a card upside down with less than twice the recognition it takes upright (the labels of the upside-down view are never read)', async () => {
    const work = countRecognitionWork(RECOGNITION_HEIGHT);
    const card = randomKtp(17);
    const upright = await renderKtp(card);
    await engine.process(upright);
    const uprightWidth = work.width;
    work.width = 0;
    const result = await engine.process(await sharp(upright).rotate(180).jpeg({ quality: 92 }).toBuffer());
    expect(result.fields.nik?.value).toBe(card.nik);
    expect(work.width).toBeLessThan(2 * uprightWidth);
  }, 120_000);

  it('reads a rotated card photographed in perspective', async () => {
    const card = randomKtp(12);
    const photo = await photographCard(await renderKtp(card), -9, 0.1);
    const result = await engine.process(photo);
    expect(result.fields.nik?.value).toBe(card.nik);
    expect(result.fields.nama?.value).toBe(card.nama);
  }, 60_000);

  const readable = ['ktp-scan-clean', 'ktp-scan-png-named-jpeg-bytes', 'ktp-photo-tilted', 'ktp-photo-perspective', 'ktp-photo-exif-rotated'];
  it.each(readable.filter((name) => existsSync(path.join(FIXTURES, `${name}.json`))))(
    'reads NIK and name of the fixture %s',
    async (name) => {
      const { bytes, fields } = fixture(name);
      const result = await engine.process(bytes);
      expect(result.cardType).toBe('KTP');
      expect(result.fields.nik?.value).toBe(fields.nik);
      expect(result.fields.nama?.value).toBe(fields.nama);
    },
    60_000,
  );

  it('locates the card with the card detector model when it is installed', async () => {
    if (engine.health().cardDetector !== 'model') return;
    const label = JSON.parse(readFileSync(path.join(FIXTURES, 'ktp-photo-perspective.json'), 'utf8'));
    const result = await engine.process(readFileSync(path.join(FIXTURES, label.image)));
    expect(result.card.source).toBe('model');
    const cardWidth = Math.hypot(label.corners[1][0] - label.corners[0][0], label.corners[1][1] - label.corners[0][1]);
    result.card.corners.forEach((p, i) => {
      expect(Math.hypot(p.x - label.corners[i][0], p.y - label.corners[i][1])).toBeLessThan(0.15 * cardWidth);
    });
  }, 60_000);

  it('recognises a SIM as such', async () => {
    if (!existsSync(path.join(FIXTURES, 'sim-photo.json'))) return;
    const result = await engine.process(fixture('sim-photo').bytes);
    expect(result.cardType).toBe('SIM');
    expect(result.warnings.map((w) => w.code)).toContain('NOT_A_KTP');
  }, 60_000);

  describe('refuses unusable input cleanly', () => {
    it('a non-image', async () => {
      expect(await refusal(engine, Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'))).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('a truncated JPEG', async () => {
      const jpeg = await photographCard(await renderKtp(randomKtp(13)), 3);
      expect(await refusal(engine, jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))).toBe('IMAGE_CORRUPT');
    });

    it('a 20000 x 20000 PNG', async () => {
      expect(await refusal(engine, pngClaiming(20000, 20000))).toBe('IMAGE_TOO_LARGE');
    });

    it('a photo with no card', async () => {
      const table = await sharp({ create: { width: 1280, height: 960, channels: 3, background: '#7a5a40', noise: { type: 'gaussian', mean: 110, sigma: 25 } } })
        .blur(3)
        .jpeg()
        .toBuffer();
      expect(await refusal(engine, table)).toBe('NO_CARD_FOUND');
      if (existsSync(path.join(FIXTURES, 'no-card-photo.json'))) {
        expect(await refusal(engine, fixture('no-card-photo').bytes)).toBe('NO_CARD_FOUND');
      }
    }, 60_000);

    it('and still reads cards afterwards, two at a time', async () => {
      const cards = [randomKtp(14), randomKtp(15)];
      const results = await Promise.all(cards.map(async (card) => engine.process(await renderKtp(card))));
      results.forEach((result, i) => expect(result.fields.nik?.value).toBe(cards[i].nik));
    }, 60_000);
  });
});
