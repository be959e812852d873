import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { RgbImage } from '../geometry/rgb-image';
import type { CardType, Quad } from '../result';
import type { CardDetection, CardDetector } from './card-detector';

/** Input side of the project's card detector (see models/README.md). */
const INPUT_SIZE = 320;
const PAD_GREY = 114;
const ROW_LENGTH = 16;
const CLASSES: CardType[] = ['KTP', 'SIM', 'OTHER'];

/**
 * Best detection in the detector's output ([1, rows, 16]: box x1 y1 x2 y2, objectness, pKTP pSIM pOTHER,
 * corners TL TR BR BL as the card reads, all in input pixels), scaled back by `scale`; null when no
 * row reaches `threshold`. Only the best card is kept, so no NMS is needed.
 */
export function bestDetection(output: Float32Array, rows: number, scale: number, threshold: number): CardDetection | null {
  let best = -1;
  for (let r = 0; r < rows; r++) {
    const score = output[r * ROW_LENGTH + 4];
    if (score >= threshold && (best < 0 || score > output[best * ROW_LENGTH + 4])) best = r;
  }
  if (best < 0) return null;
  const o = best * ROW_LENGTH;
  const probabilities = [output[o + 5], output[o + 6], output[o + 7]];
  const k = probabilities.indexOf(Math.max(...probabilities));
  const corners = [0, 1, 2, 3].map((c) => ({ x: output[o + 8 + 2 * c] / scale, y: output[o + 9 + 2 * c] / scale })) as Quad;
  return { cardType: CLASSES[k], corners, confidence: output[o + 4], source: 'model' };
}

/** Moves each corner away from the quad's centre by `fraction`, so text at the card's edge survives loose corners. */
export function expandQuad(quad: Quad, fraction: number): Quad {
  const cx = (quad[0].x + quad[1].x + quad[2].x + quad[3].x) / 4;
  const cy = (quad[0].y + quad[1].y + quad[2].y + quad[3].y) / 4;
  return quad.map((p) => ({ x: cx + (p.x - cx) * (1 + fraction), y: cy + (p.y - cy) * (1 + fraction) })) as Quad;
}

/** The project's YOLO-style card detector (models/card-detector): card box, four corners and KTP/SIM/OTHER. */
export class OnnxCardDetector implements CardDetector {
  readonly kind = 'model' as const;

  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly threshold: number,
  ) {}

  static async create(model: Buffer, options: ort.InferenceSession.SessionOptions, threshold: number): Promise<OnnxCardDetector> {
    return new OnnxCardDetector(await ort.InferenceSession.create(model, options), threshold);
  }

  async detect(image: RgbImage): Promise<CardDetection | null> {
    const scale = INPUT_SIZE / Math.max(image.width, image.height);
    const width = Math.max(1, Math.round(image.width * scale));
    const height = Math.max(1, Math.round(image.height * scale));
    const letterboxed = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .resize(width, height, { fit: 'fill' })
      .extend({ top: 0, left: 0, right: INPUT_SIZE - width, bottom: INPUT_SIZE - height, background: { r: PAD_GREY, g: PAD_GREY, b: PAD_GREY } })
      .raw()
      .toBuffer();
    const plane = INPUT_SIZE * INPUT_SIZE;
    const tensor = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      tensor[i] = letterboxed[i * 3] / 255;
      tensor[plane + i] = letterboxed[i * 3 + 1] / 255;
      tensor[2 * plane + i] = letterboxed[i * 3 + 2] / 255;
    }
    const feeds = { [this.session.inputNames[0]]: new ort.Tensor('float32', tensor, [1, 3, INPUT_SIZE, INPUT_SIZE]) };
    const output = (await this.session.run(feeds))[this.session.outputNames[0]];
    return bestDetection(output.data as Float32Array, output.dims[1], scale, this.threshold);
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
