import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { KtpReading } from '../../services/ocr-engine/src/engine/ktp-reading';
import type { TextItem } from '../../services/ocr-engine/src/engine/layout/line-grouping';
import type { RegionLookup } from '../../services/ocr-engine/src/engine/regions/region-lookup';
import { readKtpFromTextBoxes } from './engine-label-parser';

const run = promisify(execFile);

export interface TesseractConfig {
  /** Page segmentation mode: 6 = one uniform block, 11 = sparse text, 4 = one column. */
  psm: number;
  /** Upscale so the long side is at least this (Tesseract prefers ~30 px capitals). */
  minLongSide: number;
}

interface Word {
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

/** Words of one Tesseract line merged into boxes the way a text detector would box them (split at wide gaps). */
function wordsToItems(words: Word[]): TextItem[] {
  const byLine = new Map<string, Word[]>();
  for (const w of words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const items: TextItem[] = [];
  for (const lineWords of byLine.values()) {
    lineWords.sort((a, b) => a.left - b.left);
    let group: Word[] = [];
    const flush = () => {
      if (!group.length) return;
      const left = Math.min(...group.map((w) => w.left));
      const right = Math.max(...group.map((w) => w.left + w.width));
      const top = Math.min(...group.map((w) => w.top));
      const bottom = Math.max(...group.map((w) => w.top + w.height));
      items.push({
        box: { cx: (left + right) / 2, cy: (top + bottom) / 2, width: right - left, height: bottom - top, angle: 0 },
        text: group.map((w) => w.text).join(' '),
        chars: [],
        confidence: group.reduce((s, w) => s + w.conf, 0) / group.length / 100,
      });
      group = [];
    };
    for (const w of lineWords) {
      const previous = group[group.length - 1];
      if (previous && w.left - (previous.left + previous.width) > 1.5 * Math.max(w.height, previous.height)) flush();
      group.push(w);
    }
    flush();
  }
  return items;
}

/** Baseline: Tesseract (`ind`) on the EXIF-oriented greyscale image, then the engine's own parser and normalisation. */
export async function readWithTesseract(bytes: Buffer, regions: RegionLookup, config: TesseractConfig): Promise<KtpReading | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ocr-eval-'));
  try {
    const oriented = sharp(bytes).rotate().greyscale();
    const { width = 0, height = 0 } = await sharp(await oriented.clone().png().toBuffer()).metadata();
    const scale = Math.max(1, config.minLongSide / Math.max(width, height));
    const file = path.join(dir, 'card.png');
    writeFileSync(file, await oriented.resize(Math.round(width * scale)).png().toBuffer());
    const { stdout } = await run('tesseract', [file, 'stdout', '-l', 'ind', '--psm', String(config.psm), 'tsv'], { maxBuffer: 16 * 1024 * 1024 });
    const words: Word[] = [];
    for (const row of stdout.split('\n').slice(1)) {
      const c = row.split('\t');
      if (c.length < 12 || c[0] !== '5' || !c[11].trim()) continue;
      words.push({ line: `${c[2]}.${c[3]}.${c[4]}`, left: +c[6], top: +c[7], width: +c[8], height: +c[9], conf: Math.max(0, +c[10]), text: c[11] });
    }
    return readKtpFromTextBoxes(wordsToItems(words), regions);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
