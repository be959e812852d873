/**
 * OCR engine benchmark: end-to-end and per-stage milliseconds per card (median, p95) and peak RSS,
 * and CPU time per card, warm, over N synthetic cards (half flat scans, half photographed with tilt and perspective) or the
 * images of a labelled folder.
 *
 *   npx tsx --tsconfig scripts/ocr-eval/tsconfig.json scripts/bench/ocr.ts
 *     [--n 40] [--threads 2] [--dir <folder>] [--card-detector <model.onnx>|none] [--det-side 960]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultModelPaths, OcrEngine, OcrError, type OcrStage } from '../../services/ocr-engine/src/engine';
import { photographCard, randomKtp, renderKtp } from '../../services/ocr-engine/test/support/synthetic-ktp';
import { argument, quantile } from './platform';


async function inputs(n: number, dir: string): Promise<Buffer[]> {
  if (dir) {
    return readdirSync(dir)
      .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
      .sort()
      .map((f) => readFileSync(path.join(dir, f)));
  }
  const images: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const card = await renderKtp(randomKtp(1000 + i));
    images.push(i % 2 ? await photographCard(card, ((i % 7) - 3) * 3, 0.06) : card);
  }
  return images;
}

async function main(): Promise<void> {
  const n = Number(argument('n', '40'));
  const threads = Number(argument('threads', '2'));
  const images = await inputs(n, argument('dir', ''));
  const detectorPath = argument('card-detector', '');
  // --card-detector none: read the whole image, as when no detector model is installed.
  const models = { ...defaultModelPaths(), ...(detectorPath && { cardDetector: detectorPath === 'none' ? undefined : path.resolve(detectorPath) }) };
  const detectionMaxSide = Number(argument('det-side', '960'));
  const engine = await OcrEngine.create({ models, intraOpThreads: threads, detectionMaxSide });
  for (const image of images.slice(0, 2)) await engine.process(image).catch(() => undefined);

  const stages: OcrStage[] = ['decode', 'cardDetection', 'rectify', 'textDetection', 'textRecognition', 'parse', 'total'];
  const samples = new Map<OcrStage, number[]>(stages.map((s) => [s, []]));
  const wall: number[] = [];
  const cpu: number[] = [];
  let refused = 0;
  for (const image of images) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    try {
      const result = await engine.process(image);
      for (const s of stages) samples.get(s)!.push(result.timingsMs[s]);
    } catch (error) {
      if (!(error instanceof OcrError)) throw error;
      refused++;
    }
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  await engine.release();

  const health = engine.health();
  console.log(`\n${images.length} images, ${refused} refused; intra-op threads ${threads}; detection long side ${detectionMaxSide}; card detector: ${health.cardDetector}`);
  console.log('| stage | median ms | p95 ms |\n|---|---|---|');
  for (const s of stages) console.log(`| ${s} | ${quantile(samples.get(s)!, 0.5).toFixed(1)} | ${quantile(samples.get(s)!, 0.95).toFixed(1)} |`);
  console.log(`| end to end (wall, incl. queueing) | ${quantile(wall, 0.5).toFixed(1)} | ${quantile(wall, 0.95).toFixed(1)} |`);
  console.log(`| CPU time per card, all threads (load-independent) | ${quantile(cpu, 0.5).toFixed(1)} | ${quantile(cpu, 0.95).toFixed(1)} |`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
