import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { boxCorners, boxFromCorners, type RotatedBox } from '../geometry/rotated-box';
import type { RgbImage } from '../geometry/rgb-image';
import type { Quad } from '../result';
import { dbPostprocess, DEFAULT_DB_POSTPROCESS, type DbPostprocessOptions } from './db-postprocess';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

export interface DetectedText {
  /** Box in the coordinates of the image given to `detect`. */
  box: RotatedBox;
  score: number;
}

/** Input size: long side capped at `maxSide`, both sides rounded to multiples of 32 (the network's stride). */
export function detectionInputSize(width: number, height: number, maxSide: number): [number, number] {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const round32 = (v: number) => Math.max(32, Math.round((v * scale) / 32) * 32);
  return [round32(width), round32(height)];
}

/**
 * The network's input planes from interleaved RGB: BGR order (the model was trained on OpenCV's) with
 * ImageNet statistics applied in that order; the channels written in one pass, without inner loop.
 */
function detectionTensor(rgb: Uint8Array, plane: number): Float32Array {
  const tensor = new Float32Array(3 * plane);
  const [m0, m1, m2] = MEAN;
  const [s0, s1, s2] = STD;
  for (let i = 0, o = 0; i < plane; i++, o += 3) {
    tensor[i] = (rgb[o + 2] / 255 - m0) / s0;
    tensor[plane + i] = (rgb[o + 1] / 255 - m1) / s1;
    tensor[2 * plane + i] = (rgb[o] / 255 - m2) / s2;
  }
  return tensor;
}

/** PP-OCRv4 DB text detector (ONNX). */
export class DbTextDetector {
  constructor(
    private readonly session: ort.InferenceSession,
    private readonly maxSide: number,
    private readonly postprocess: DbPostprocessOptions = DEFAULT_DB_POSTPROCESS,
  ) {}

  async detect(image: RgbImage): Promise<DetectedText[]> {
    const [inputWidth, inputHeight] = detectionInputSize(image.width, image.height, this.maxSide);
    const resized = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .resize(inputWidth, inputHeight, { fit: 'fill' })
      .raw()
      .toBuffer();
    const tensor = detectionTensor(resized, inputWidth * inputHeight);
    const feeds = { [this.session.inputNames[0]]: new ort.Tensor('float32', tensor, [1, 3, inputHeight, inputWidth]) };
    const output = (await this.session.run(feeds))[this.session.outputNames[0]];
    const probabilities = output.data as Float32Array;
    const sx = image.width / inputWidth;
    const sy = image.height / inputHeight;
    return dbPostprocess(probabilities, inputWidth, inputHeight, this.postprocess).map(({ box, score }) => {
      const corners = boxCorners(box).map((p) => ({ x: p.x * sx, y: p.y * sy })) as Quad;
      return { box: boxFromCorners(corners), score };
    });
  }
}
