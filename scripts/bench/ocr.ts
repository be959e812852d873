/**
 * OCR engine benchmark: end-to-end and per-stage milliseconds per card (median, p95), CPU time per
 * card and peak RSS, warm, over N synthetic cards (half flat scans, half photographed with tilt and
 * perspective) or the images of a folder; for one or more engines side by side in the same run.
 *
 *   npx tsx --tsconfig scripts/ocr-eval/tsconfig.json scripts/bench/ocr.ts
 *     [--n 40] [--dir <folder>] [--engines engine,engine@<engine src dir>] [--rounds 1]
 *     [--threads 2] [--card-detector <model.onnx>|none] [--det-side 960]
 *
 * `engine` is this checkout's engine; `engine@<dir>` loads another build of the engine's sources (e.g.
 * an earlier commit's `services/ocr-engine/src/engine`, exported with `git archive`), with its own
 * default models. Each engine runs in a child process of its own, so each peak RSS is its own; with
 * `--rounds 2` or more the engines take turns (A B A B ...) and their samples are pooled, so a change of
 * load on a shared machine falls on both. Every engine uses the same card detector (this checkout's,
 * unless `--card-detector` says otherwise) and the process environment the platform gives the engine
 * (`processEnv` of scripts/lib/apps.js; the environment wins, so `MALLOC_ARENA_MAX=16` measures glibc's
 * default on 2 cores). Compare CPU time per card when other jobs share the cores: wall times then
 * mostly measure the neighbours. The recogniser's work is also counted, which no load moves: the width
 * of its inputs as padded in batches (crops x padded width, at its 48 px height) and its runs per card.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countRecognitionWork } from '../../services/ocr-engine/test/support/recognition-work';
import { photographCard, randomKtp, renderKtp } from '../../services/ocr-engine/test/support/synthetic-ktp';
import { argument, OCR_ENGINE_PROCESS_ENV, quantile } from './platform';

const STAGES = ['decode', 'cardDetection', 'rectify', 'textDetection', 'textRecognition', 'parse', 'total'] as const;
type Stage = (typeof STAGES)[number];

/** What one engine measured in one child process. */
interface EngineSamples {
  label: string;
  stages: Record<Stage, number[]>;
  wall: number[];
  cpu: number[];
  /** Per image: recogniser input width as padded in batches, summed over its crops, and recogniser runs. */
  recognisedWidth: number[];
  recogniserRuns: number[];
  refused: number;
  peakRssMb: number;
}

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

function cardDetectorPath(): string | undefined {
  const given = argument('card-detector', '');
  if (given === 'none') return undefined;
  const ours = path.join(__dirname, '../../models/card-detector/card-detector.onnx');
  return given ? path.resolve(given) : existsSync(ours) ? ours : undefined;
}

/** Runs one engine over the images, in this process. */
async function measure(spec: string, images: Buffer[]): Promise<EngineSamples> {
  const dir = spec === 'engine' ? path.join(__dirname, '../../services/ocr-engine/src/engine') : path.resolve(spec.slice('engine@'.length));
  const engineModule = await import(path.join(dir, 'index'));
  const recognition = countRecognitionWork((await import(path.join(dir, 'text-recognition/crop-text-line'))).RECOGNITION_HEIGHT);
  const threads = Number(argument('threads', '2'));
  const detectionMaxSide = Number(argument('det-side', '960'));
  const models = { ...engineModule.defaultModelPaths(), cardDetector: cardDetectorPath() };
  const engine = await engineModule.OcrEngine.create({ models, intraOpThreads: threads, detectionMaxSide });
  for (const image of images.slice(0, 2)) await engine.process(image).catch(() => undefined);

  const stages = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  const wall: number[] = [];
  const cpu: number[] = [];
  const recognisedWidth: number[] = [];
  const recogniserRuns: number[] = [];
  let refused = 0;
  for (const image of images) {
    recognition.width = recognition.runs = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    try {
      const result = await engine.process(image);
      for (const s of STAGES) stages[s].push(result.timingsMs[s]);
    } catch (error) {
      if (!(error instanceof engineModule.OcrError)) throw error;
      refused++;
    }
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
    recognisedWidth.push(recognition.width);
    recogniserRuns.push(recognition.runs);
  }
  await engine.release();
  const label = `${spec === 'engine' ? 'this checkout' : dir} (threads ${threads}, detection side ${detectionMaxSide}, card detector: ${engine.health().cardDetector})`;
  return { label, stages, wall, cpu, recognisedWidth, recogniserRuns, refused, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function pool(runs: EngineSamples[]): EngineSamples {
  const stages = Object.fromEntries(STAGES.map((s) => [s, runs.flatMap((r) => r.stages[s])])) as Record<Stage, number[]>;
  return {
    label: runs[0].label,
    stages,
    wall: runs.flatMap((r) => r.wall),
    cpu: runs.flatMap((r) => r.cpu),
    recognisedWidth: runs.flatMap((r) => r.recognisedWidth),
    recogniserRuns: runs.flatMap((r) => r.recogniserRuns),
    refused: runs.reduce((sum, r) => sum + r.refused, 0),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}

function printTable(images: number, rounds: number, engines: EngineSamples[]): void {
  console.log(`\n${images} images x ${rounds} round(s) per engine`);
  engines.forEach((e, i) => console.log(`(${i + 1}) ${e.label}: ${e.refused} refused`));
  const cell = (values: number[]) => `${quantile(values, 0.5).toFixed(1)} / ${quantile(values, 0.95).toFixed(1)}`;
  console.log(`\n| median / p95 ms | ${engines.map((_, i) => `(${i + 1})`).join(' | ')} |\n|---|${engines.map(() => '---').join('|')}|`);
  for (const s of STAGES) console.log(`| ${s} | ${engines.map((e) => cell(e.stages[s])).join(' | ')} |`);
  console.log(`| end to end (wall, incl. queueing) | ${engines.map((e) => cell(e.wall)).join(' | ')} |`);
  console.log(`| CPU time per card, all threads | ${engines.map((e) => cell(e.cpu)).join(' | ')} |`);
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  console.log(`| recognised width per image, px as padded (counted): mean; median / p95 | ${engines.map((e) => `${mean(e.recognisedWidth).toFixed(0)}; ${cell(e.recognisedWidth)}`).join(' | ')} |`);
  console.log(`| recogniser runs per image (counted): mean | ${engines.map((e) => mean(e.recogniserRuns).toFixed(2)).join(' | ')} |`);
  console.log(`| peak RSS of the process | ${engines.map((e) => `${e.peakRssMb.toFixed(0)} MB`).join(' | ')} |`);
}

async function main(): Promise<void> {
  const only = argument('only', '');
  if (only) {
    const images = await inputs(Number(argument('n', '40')), argument('dir', ''));
    writeFileSync(argument('report', ''), JSON.stringify(await measure(only, images)));
    return;
  }
  const specs = argument('engines', 'engine').split(',');
  const rounds = Number(argument('rounds', '1'));
  const runs = new Map<string, EngineSamples[]>(specs.map((s) => [s, []]));
  const passOn = ['n', 'dir', 'threads', 'card-detector', 'det-side'].flatMap((name) => (argument(name, '') ? [`--${name}`, argument(name, '')] : []));
  for (let round = 0; round < rounds; round++) {
    for (const spec of specs) {
      const report = path.join(tmpdir(), `ocr-bench-${process.pid}-${round}-${specs.indexOf(spec)}.json`);
      execFileSync(process.execPath, [...process.execArgv, __filename, ...passOn, '--only', spec, '--report', report], {
        stdio: 'inherit',
        env: { ...OCR_ENGINE_PROCESS_ENV, ...process.env },
      });
      runs.get(spec)!.push(JSON.parse(readFileSync(report, 'utf8')));
    }
  }
  printTable(runs.get(specs[0])![0].wall.length, rounds, specs.map((s) => pool(runs.get(s)!)));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
