/**
 * Evaluates KTP reading over a labelled folder (image + JSON ground truth, the format of
 * services/ocr-engine/test/fixtures/cards), for one or more readers in the same run, each in a child
 * process of its own (so each one's peak RSS is its own), in the engine's process environment
 * (scripts/lib/apps.js): per-field exact match (with and without word
 * spaces), character error rate, NIK exact, cards with every field exact, `fieldsToCheck` recall on the
 * wrong fields and false-flag rate on the right ones, expected calibration error of the per-field
 * confidence, card-type handling of the non-KTP images, median / p95 wall ms and CPU ms per image, and
 * peak RSS. Prints field values never: only scores.
 *
 *   npx tsx --tsconfig scripts/ocr-eval/tsconfig.json scripts/ocr-eval/evaluate.ts
 *     [--dir <folder>] [--readers engine,ppocr,ppocr-lines,tesseract,engine@<engine src dir>] [--card-detector <model.onnx>|none]
 *     [--region-data <idn-area-data data dir for engine@...>] [--det-side <text detector input long side>] [--json <out>]
 *
 * Readers: `engine` is this checkout's engine; `engine@<dir>` loads another build of the engine's
 * sources (e.g. an earlier commit's `services/ocr-engine/src/engine`, exported with `git archive`);
 * `ppocr` is the off-the-shelf PP-OCRv4 pipeline of `@gutenye/ocr-node` 1.4.8 (installed on first use
 * into `.cache/ocr-baseline/`, see ppocr-reader.ts), its boxes through the engine's line grouping, parser
 * and normalisation; `ppocr-lines` the same with the rows its `ocr.detect()` returns; `tesseract` is
 * Tesseract 5 (`ind`) through the engine's line grouping, parser and normalisation.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KtpReading } from '../../services/ocr-engine/src/engine/ktp-reading';
import { argument, OCR_ENGINE_PROCESS_ENV, quantile } from '../bench/platform';
import { readLabelledFolder } from './labelled-folder';
import { calibrationError, expectedValues, FieldScores, FlagScores, type FieldValues } from './metrics';

const percent = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : 'n/a');

/** What one reader scored; written by the child process as JSON. */
interface ReaderReport {
  label: string;
  rows: ReturnType<FieldScores['summary']>;
  cards: number;
  nikExact: number;
  cardsAllExact: number;
  flags: ReturnType<FlagScores['summary']>;
  ece: number | null;
  cardTypeCorrect: number;
  images: number;
  cardTypeMisses: string[];
  medianMs: number;
  p95Ms: number;
  cpuMedianMs: number;
  peakRssMb: number;
}

interface Reading {
  outcome: string;
  fields: FieldValues;
  confidences: Partial<Record<string, number>> | null;
  fieldsToCheck: string[] | null;
}

type Reader = { label: string; read(bytes: Buffer): Promise<Reading>; release(): Promise<void> };

/** A reader that gives text only: fields, no confidence, no `fieldsToCheck`. */
function textOnlyReader(label: string, read: (bytes: Buffer) => Promise<KtpReading | null>): Reader {
  return {
    label,
    async read(bytes) {
      const reading = await read(bytes);
      return {
        outcome: reading ? 'KTP' : 'NO_CARD_FOUND',
        fields: Object.fromEntries(Object.entries(reading?.fields ?? {}).map(([k, v]) => [k, v?.value])),
        confidences: null,
        fieldsToCheck: null,
      };
    },
    release: async () => undefined,
  };
}

async function openReader(spec: string): Promise<Reader> {
  const detectorPath = argument('card-detector', '');
  if (spec === 'ppocr' || spec === 'ppocr-lines') {
    const { openPpocrReader } = await import('./ppocr-reader');
    const { RegionLookup } = await import('../../services/ocr-engine/src/engine/regions/region-lookup');
    const unit = spec === 'ppocr' ? 'boxes' : 'lines';
    const ppocr = await openPpocrReader(RegionLookup.load(), unit);
    const versions = ['@gutenye/ocr-node', 'onnxruntime-node'].map((name) => `${name} ${ppocr.versions[name]}`).join(', ');
    return textOnlyReader(`PP-OCRv4 off the shelf (${versions}), its ${unit} + engine parser`, ppocr.read);
  }
  if (spec === 'tesseract') {
    const { readWithTesseract } = await import('./tesseract-reader');
    const { RegionLookup } = await import('../../services/ocr-engine/src/engine/regions/region-lookup');
    const regions = RegionLookup.load();
    return textOnlyReader('Tesseract 5 (ind, psm 6) + engine parser', (bytes) => readWithTesseract(bytes, regions, { psm: 6, minLongSide: 2000 }));
  }
  const dir = spec === 'engine' ? path.join(__dirname, '../../services/ocr-engine/src/engine') : path.resolve(spec.slice('engine@'.length));
  const module = await import(path.join(dir, 'index'));
  const models = { ...module.defaultModelPaths(), ...(detectorPath && { cardDetector: detectorPath === 'none' ? undefined : path.resolve(detectorPath) }) };
  const regionDataDir = spec === 'engine' ? undefined : argument('region-data', '') || undefined;
  const detectionMaxSide = argument('det-side', '') ? Number(argument('det-side', '')) : undefined;
  const engine = await module.OcrEngine.create({ models, regionDataDir, ...(detectionMaxSide && { detectionMaxSide }) });
  const label = `${spec === 'engine' ? 'engine (this checkout)' : `engine from ${dir}`}, card detector: ${engine.health().cardDetector}`;
  return {
    label,
    async read(bytes) {
      try {
        const result = await engine.process(bytes);
        const fields = Object.fromEntries(Object.entries(result.fields as Record<string, { value: string; confidence: number }>).map(([k, v]) => [k, v.value]));
        const confidences = Object.fromEntries(Object.entries(result.fields as Record<string, { value: string; confidence: number }>).map(([k, v]) => [k, v.confidence]));
        return { outcome: result.cardType, fields, confidences, fieldsToCheck: result.fieldsToCheck ?? null };
      } catch (error) {
        if (error instanceof module.OcrError) return { outcome: (error as { code: string }).code, fields: {}, confidences: null, fieldsToCheck: null };
        throw error;
      }
    },
    release: () => engine.release(),
  };
}

/**
 * For a reader without `fieldsToCheck` (an earlier engine): the fields a kiosk highlighting low
 * confidence would flag, missing ones included (OCR-NOTES.md counts wrong fields below 0.9).
 */
const LOW_CONFIDENCE = 0.9;
function flaggedByConfidence(expected: FieldValues, confidences: Partial<Record<string, number>>): string[] {
  return Object.keys(expected).filter((key) => (confidences[key] ?? 0) < LOW_CONFIDENCE);
}

const ACCEPTABLE: Record<string, string[]> = { KTP: ['KTP'], SIM: ['SIM'], OTHER: ['OTHER', 'NO_CARD_FOUND'], NONE: ['NO_CARD_FOUND'] };

async function evaluateOne(spec: string, dir: string): Promise<ReaderReport> {
  const cards = readLabelledFolder(dir);
  const reader = await openReader(spec);
  const scores = new FieldScores();
  const flags = new FlagScores();
  const calibration: { p: number; right: boolean }[] = [];
  const misses: string[] = [];
  const wall: number[] = [];
  const cpu: number[] = [];
  let cardTypeCorrect = 0;
  for (const card of cards) {
    const bytes = readFileSync(card.imagePath);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const reading = await reader.read(bytes);
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
    if (card.cardType === 'KTP' && card.fields) {
      const expected = expectedValues(card.fields);
      scores.add(expected, reading.fields);
      const toCheck = reading.fieldsToCheck ?? (reading.confidences && flaggedByConfidence(expected, reading.confidences));
      if (toCheck) flags.add(expected, reading.fields, toCheck);
      if (reading.confidences) {
        for (const key of Object.keys(expected)) calibration.push({ p: reading.confidences[key] ?? 0, right: (reading.fields[key] ?? '') === expected[key] });
      }
    }
    if ((ACCEPTABLE[card.cardType] ?? [card.cardType]).includes(reading.outcome)) cardTypeCorrect++;
    else misses.push(`${card.name}: expected ${card.cardType}, got ${reading.outcome}`);
  }
  await reader.release();
  return {
    label: reader.label,
    rows: scores.summary(),
    cards: scores.cards,
    nikExact: scores.nikExact,
    cardsAllExact: scores.cardsAllExact,
    flags: flags.summary(),
    ece: calibration.length ? calibrationError(calibration) : null,
    cardTypeCorrect,
    images: cards.length,
    cardTypeMisses: misses,
    medianMs: quantile(wall, 0.5),
    p95Ms: quantile(wall, 0.95),
    cpuMedianMs: quantile(cpu, 0.5),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function printReports(dir: string, reports: ReaderReport[]): void {
  console.log(`\n${dir}: ${reports[0].cards} KTP images, ${reports[0].images} images in all\n`);
  reports.forEach((r, i) => console.log(`(${i + 1}) ${r.label}`));
  const header = reports.map((_, i) => `(${i + 1})`).join(' | ');
  console.log(`\n| field: exact (CER) | ${header} |\n|---|${reports.map(() => '---').join('|')}|`);
  for (const row of reports[0].rows) {
    const cells = reports.map((r) => {
      const mine = r.rows.find((x) => x.field === row.field)!;
      return `${percent(mine.exact)} (${percent(mine.cer)})`;
    });
    console.log(`| ${row.field} | ${cells.join(' | ')} |`);
  }
  const line = (name: string, cell: (r: ReaderReport) => string) => console.log(`| ${name} | ${reports.map(cell).join(' | ')} |`);
  line('ALL FIELDS, exact ignoring spaces', (r) => percent(r.rows[r.rows.length - 1].exactIgnoringSpaces));
  line('NIK exact', (r) => `${r.nikExact}/${r.cards} (${percent(r.nikExact / r.cards)})`);
  line('cards with every field exact', (r) => `${r.cardsAllExact}/${r.cards} (${percent(r.cardsAllExact / r.cards)})`);
  line('wrong fields flagged: fieldsToCheck, else confidence < 0.9 (recall)', (r) => (r.flags.wrong ? `${r.flags.wrongFlagged}/${r.flags.wrong} (${percent(r.flags.recall)})` : 'n/a'));
  line('right fields flagged (false flags)', (r) => (r.flags.right ? `${r.flags.rightFlagged}/${r.flags.right} (${percent(r.flags.falseFlagRate)})` : 'n/a'));
  line('expected calibration error (10 bins)', (r) => (r.ece === null ? 'n/a' : percent(r.ece)));
  line('card type / refusal correct', (r) => `${r.cardTypeCorrect}/${r.images}`);
  line('ms per image, median / p95 (wall)', (r) => `${r.medianMs.toFixed(0)} / ${r.p95Ms.toFixed(0)}`);
  line('CPU ms per image, median (all threads)', (r) => r.cpuMedianMs.toFixed(0));
  line('peak RSS of the process', (r) => `${r.peakRssMb.toFixed(0)} MB`);
  for (const r of reports) for (const miss of r.cardTypeMisses) console.log(`  ${r.label}: ${miss}`);
}

async function main(): Promise<void> {
  const dir = path.resolve(argument('dir', path.join(__dirname, '../../services/ocr-engine/test/fixtures/cards')));
  const only = argument('only', '');
  if (only) {
    writeFileSync(argument('report', ''), JSON.stringify(await evaluateOne(only, dir)));
    return;
  }
  const specs = argument('readers', 'engine').split(',');
  const reports: ReaderReport[] = [];
  for (const spec of specs) {
    const report = path.join(require('node:os').tmpdir(), `ocr-eval-${process.pid}-${reports.length}.json`);
    const passOn = ['card-detector', 'region-data', 'det-side'].flatMap((name) => (argument(name, '') ? [`--${name}`, argument(name, '')] : []));
    execFileSync(process.execPath, [...process.execArgv, __filename, '--dir', dir, '--only', spec, '--report', report, ...passOn], {
      stdio: 'inherit',
      env: { ...OCR_ENGINE_PROCESS_ENV, ...process.env },
    });
    reports.push(JSON.parse(readFileSync(report, 'utf8')));
  }
  printReports(dir, reports);
  const out = argument('json', '');
  if (out) writeFileSync(out, JSON.stringify({ dir, reports }, null, 2));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
