import { InferenceSession } from 'onnxruntime-node';

/** The recogniser's work so far: its input width as padded in batches (crops x padded width) and its runs. */
export interface RecognitionWork {
  width: number;
  runs: number;
}

/**
 * Counts, from now on in this process, the recogniser's runs and their input width, from every
 * onnxruntime run whose input has the recogniser's height (the detectors' inputs are far taller):
 * work no machine load moves. Reset the fields to count per image.
 */
export function countRecognitionWork(recognitionHeight: number): RecognitionWork {
  const work: RecognitionWork = { width: 0, runs: 0 };
  // onnxruntime types the class as a factory; its sessions share this prototype.
  const prototype = (InferenceSession as unknown as { prototype: InferenceSession }).prototype;
  const run = prototype.run;
  prototype.run = function (this: InferenceSession, feeds: InferenceSession.FeedsType, ...rest: unknown[]) {
    const [batch, , height, width] = Object.values(feeds)[0].dims;
    if (height === recognitionHeight) {
      work.width += batch * width;
      work.runs++;
    }
    return (run as (...args: unknown[]) => ReturnType<typeof run>).call(this, feeds, ...rest);
  } as typeof run;
  return work;
}
