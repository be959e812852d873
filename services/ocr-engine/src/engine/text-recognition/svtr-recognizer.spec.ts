import type * as ort from 'onnxruntime-node';
import type { RgbImage } from '../geometry/rgb-image';
import { SvtrRecognizer } from './svtr-recognizer';

/** A stand-in session that records the input shape of each call and answers blanks only. */
function recordingSession(shapes: number[][]): ort.InferenceSession {
  return {
    inputNames: ['x'],
    outputNames: ['y'],
    async run(feeds: Record<string, ort.Tensor>) {
      const [n, , , width] = feeds.x.dims as number[];
      shapes.push([n, width]);
      const steps = width / 8;
      const data = new Float32Array(n * steps * 2).map((_, i) => (i % 2 === 0 ? 1 : 0));
      return { y: { dims: [n, steps, 2], data } };
    },
  } as unknown as ort.InferenceSession;
}

const image: RgbImage = { data: new Uint8Array(2000 * 100 * 3).fill(128), width: 2000, height: 100 };
/** A horizontal box whose crop is `width` px wide at 48 px height (the crop takes 1.1 x its height). */
const boxOfCropWidth = (width: number, cy = 50) => ({ cx: 1000, cy, width: (width * 44) / 48, height: 40, angle: 0 });

describe('SvtrRecognizer batching', () => {
  it('batches crops of similar width up to the line limit, each batch padded to its widest crop', async () => {
    const shapes: number[][] = [];
    const recognizer = new SvtrRecognizer(recordingSession(shapes), ['a'], { maxLines: 8, maxWidth: 4096 });
    const lines = await recognizer.recognize(image, [...Array(10)].map(() => boxOfCropWidth(200)));
    expect(lines).toHaveLength(10);
    expect(shapes).toEqual([
      [8, 224],
      [2, 224],
    ]);
  });

  it('reads wide lines in smaller batches, so no batch is wider in all than the width limit', async () => {
    const shapes: number[][] = [];
    const recognizer = new SvtrRecognizer(recordingSession(shapes), ['a'], { maxLines: 8, maxWidth: 2048 });
    await recognizer.recognize(image, [...Array(5)].map(() => boxOfCropWidth(900)));
    expect(shapes).toEqual([
      [2, 928],
      [2, 928],
      [1, 928],
    ]);
  });

  it('keeps a batch to crops within 1.3 times the narrowest width', async () => {
    const shapes: number[][] = [];
    const recognizer = new SvtrRecognizer(recordingSession(shapes), ['a'], { maxLines: 8, maxWidth: 4096 });
    await recognizer.recognize(image, [boxOfCropWidth(100), boxOfCropWidth(120), boxOfCropWidth(200)]);
    expect(shapes).toEqual([
      [2, 128],
      [1, 224],
    ]);
  });
});
