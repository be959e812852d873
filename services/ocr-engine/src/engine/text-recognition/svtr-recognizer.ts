import * as ort from 'onnxruntime-node';
import type { RotatedBox } from '../geometry/rotated-box';
import type { RgbImage } from '../geometry/rgb-image';
import { ctcGreedyDecode, restoreWordSpaces, type DecodedLine } from './ctc-decoder';
import { cropTextLine, RECOGNITION_HEIGHT } from './crop-text-line';

/**
 * Batch inputs are padded to the widest crop, rounded up to this. PaddleOCR pads to at least 320 px,
 * but inference time grows with the padded width, and short crops read as well without it.
 */
const WIDTH_QUANTUM = 32;
/** A batch holds crops up to this many times as wide as its narrowest. */
const MAX_WIDTH_SPREAD = 1.3;

const paddedWidth = (width: number) => Math.ceil(width / WIDTH_QUANTUM) * WIDTH_QUANTUM;

/** Reads the character dictionary: one character a line; PaddleOCR appends the space as the last class. */
export function parseDictionary(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return [...lines, ' '];
}

/** PP-OCRv4 (SVTR-LCNet) text-line recogniser with CTC output, run in batches of similar widths. */
export class SvtrRecognizer {
  constructor(
    private readonly session: ort.InferenceSession,
    private readonly dictionary: readonly string[],
    private readonly batchLimits: { maxLines: number; maxWidth: number },
  ) {}

  /** Reads each box; `verticalContext` as in `cropTextLine`. */
  async recognize(image: RgbImage, boxes: RotatedBox[], verticalContext?: number): Promise<DecodedLine[]> {
    const crops = boxes.map((box) => cropTextLine(image, box, verticalContext));
    const order = crops.map((_, i) => i).sort((a, b) => crops[a].width - crops[b].width);
    const results = new Array<DecodedLine>(boxes.length);
    // Batches of similar widths: padding costs time and, through the model's global mixing, changes
    // what it reads in the shorter crops.
    let batch: number[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const lines = await this.recognizeBatch(batch.map((k) => crops[k]));
      batch.forEach((k, j) => (results[k] = lines[j]));
      batch = [];
    };
    // In width order, so the crop joining a batch is its widest: the batch is padded to it.
    const { maxLines, maxWidth } = this.batchLimits;
    for (const k of order) {
      const width = crops[k].width;
      if (
        batch.length &&
        (batch.length >= maxLines || width > MAX_WIDTH_SPREAD * crops[batch[0]].width || (batch.length + 1) * paddedWidth(width) > maxWidth)
      ) {
        await flush();
      }
      batch.push(k);
    }
    await flush();
    return results;
  }

  private async recognizeBatch(crops: RgbImage[]): Promise<DecodedLine[]> {
    const width = paddedWidth(Math.max(...crops.map((c) => c.width)));
    const height = RECOGNITION_HEIGHT;
    const plane = width * height;
    // Zero is mid-grey after normalisation: the padding PaddleOCR uses.
    const tensor = new Float32Array(crops.length * 3 * plane);
    crops.forEach((crop, n) => {
      const base = n * 3 * plane;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < crop.width; x++) {
          const src = (y * crop.width + x) * 3;
          const dst = y * width + x;
          // BGR order, scaled to [-1, 1].
          tensor[base + dst] = crop.data[src + 2] / 127.5 - 1;
          tensor[base + plane + dst] = crop.data[src + 1] / 127.5 - 1;
          tensor[base + 2 * plane + dst] = crop.data[src] / 127.5 - 1;
        }
      }
    });
    const feeds = { [this.session.inputNames[0]]: new ort.Tensor('float32', tensor, [crops.length, 3, height, width]) };
    const output = (await this.session.run(feeds))[this.session.outputNames[0]];
    const [, steps, classes] = output.dims as number[];
    const data = output.data as Float32Array;
    return crops.map((crop, n) => {
      // Only the steps covering the crop itself, not the padding.
      const usedSteps = Math.min(steps, Math.ceil((crop.width / width) * steps));
      const slice = data.subarray(n * steps * classes, (n * steps + usedSteps) * classes);
      return restoreWordSpaces(ctcGreedyDecode(slice, usedSteps, classes, this.dictionary));
    });
  }
}
