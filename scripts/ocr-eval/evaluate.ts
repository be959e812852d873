/**
 * Evaluates KTP reading over a labelled folder (image + JSON ground truth, the format of
 * services/ocr-engine/test/fixtures/cards): per-field exact match (with and without word spaces),
 * character error rate, NIK exact match, cards with every field exact, and card-type handling of the
 * non-KTP images. Prints field values never: only scores.
 *
 *   npx tsx --tsconfig scripts/ocr-eval/tsconfig.json scripts/ocr-eval/evaluate.ts
 *     [--dir <folder>] [--engine onnx|tesseract] [--psm 6] [--card-detector <model.onnx>|none] [--det-side 960] [--json <out>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultModelPaths, OcrEngine, OcrError } from '../../services/ocr-engine/src/engine';
import { RegionLookup } from '../../services/ocr-engine/src/engine/regions/region-lookup';
import { readLabelledFolder } from './labelled-folder';
import { expectedValues, FieldScores, type FieldValues } from './metrics';
import { readWithTesseract } from './tesseract-reader';

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

async function main(): Promise<void> {
  const dir = path.resolve(argument('dir', path.join(__dirname, '../../services/ocr-engine/test/fixtures/cards')));
  const engineName = argument('engine', 'onnx');
  const psm = Number(argument('psm', '6'));
  const cards = readLabelledFolder(dir);
  const regions = RegionLookup.load();
  const detectorPath = argument('card-detector', '');
  // --card-detector none: read the whole image, as when no detector model is installed.
  const models = { ...defaultModelPaths(), ...(detectorPath && { cardDetector: detectorPath === 'none' ? undefined : path.resolve(detectorPath) }) };
  const detectionMaxSide = Number(argument('det-side', '960'));
  const engine = engineName === 'onnx' ? await OcrEngine.create({ models, detectionMaxSide }) : null;

  const scores = new FieldScores();
  const cardTypeChecks: { name: string; expected: string; got: string; ok: boolean }[] = [];
  const times: number[] = [];
  for (const card of cards) {
    const bytes = readFileSync(card.imagePath);
    const t0 = performance.now();
    let got: FieldValues = {};
    let outcome: string;
    try {
      if (engine) {
        const result = await engine.process(bytes);
        outcome = result.cardType;
        got = Object.fromEntries(Object.entries(result.fields).map(([k, v]) => [k, v?.value]));
      } else {
        const reading = await readWithTesseract(bytes, regions, { psm, minLongSide: 2000 });
        outcome = reading ? 'KTP' : 'NO_CARD_FOUND';
        got = Object.fromEntries(Object.entries(reading?.fields ?? {}).map(([k, v]) => [k, v?.value]));
      }
    } catch (error) {
      if (!(error instanceof OcrError)) throw error;
      outcome = error.code;
    }
    times.push(performance.now() - t0);
    if (card.cardType === 'KTP' && card.fields) scores.add(expectedValues(card.fields), got);
    const acceptable: Record<string, string[]> = { KTP: ['KTP'], SIM: ['SIM'], OTHER: ['OTHER', 'NO_CARD_FOUND'], NONE: ['NO_CARD_FOUND'] };
    cardTypeChecks.push({ name: card.name, expected: card.cardType, got: outcome, ok: (acceptable[card.cardType] ?? [card.cardType]).includes(outcome) });
  }
  await engine?.release();

  const label = engine ? `PP-OCRv4 ONNX engine, card detector: ${engine.health().cardDetector}` : `Tesseract (ind, psm ${psm}) + engine parser`;
  times.sort((a, b) => a - b);
  const rows = scores.summary();
  console.log(`\n${label} on ${dir} (${scores.cards} KTP images, ${cards.length} images in all)\n`);
  console.log('| field | exact | exact ignoring spaces | CER |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.field} | ${percent(r.exact)} | ${percent(r.exactIgnoringSpaces)} | ${percent(r.cer)} |`);
  console.log(`\nNIK exact: ${scores.nikExact}/${scores.cards}; cards with all fields exact: ${scores.cardsAllExact}/${scores.cards}`);
  console.log(`card type / refusal correct: ${cardTypeChecks.filter((c) => c.ok).length}/${cardTypeChecks.length}`);
  for (const c of cardTypeChecks.filter((c) => !c.ok)) console.log(`  ${c.name}: expected ${c.expected}, got ${c.got}`);
  console.log(`median ms per image (incl. decode, one process): ${times[times.length >> 1].toFixed(0)}`);

  const out = argument('json', '');
  if (out) writeFileSync(out, JSON.stringify({ label, dir, rows, nikExact: scores.nikExact, cardsAllExact: scores.cardsAllExact, cards: scores.cards, cardTypeChecks, medianMs: times[times.length >> 1] }, null, 2));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
