import * as ort from 'onnxruntime-node';
import type { CardDetection, CardDetector } from './card-detection/card-detector';
import { OnnxCardDetector, expandQuad } from './card-detection/onnx-card-detector';
import { WholeImageCardDetector } from './card-detection/whole-image-card-detector';
import { ConcurrencyGate } from './concurrency-gate';
import { resolveOptions, type OcrEngineOptions, type ResolvedOcrEngineOptions } from './config';
import { PADDLE_MODELS_VERSION } from './default-model-paths';
import { OcrError } from './errors';
import { warpPerspective } from './geometry/perspective';
import { boxCorners, type RotatedBox } from './geometry/rotated-box';
import type { RgbImage } from './geometry/rgb-image';
import { decodeImage } from './input/decode-image';
import { parseKtp, type ParsedKtp } from './ktp-parser/ktp-parser';
import { looksLikeKtp, readKtp } from './ktp-reading';
import { groupLines, type TextItem } from './layout/line-grouping';
import { loadModelFile } from './models/model-files';
import { BLUR_THRESHOLD, GLARE_THRESHOLD, measureQuality, type Region } from './quality/image-quality';
import { RegionLookup } from './regions/region-lookup';
import {
  type CardType,
  type ModelInfo,
  type OcrHealth,
  type OcrResult,
  type OcrStage,
  type OcrWarning,
  type Quad,
} from './result';
import { DbTextDetector } from './text-detection/db-text-detector';
import { keepPrintedText } from './text-detection/printed-text-filter';
import { parseDictionary, SvtrRecognizer } from './text-recognition/svtr-recognizer';

/** Working resolution: photos are downscaled to this long side right after decoding. */
const MAX_WORKING_SIDE = 2048;
/** A card image narrower than this cannot hold readable KTP text. */
const MIN_IMAGE_SIDE = 200;
/** Width of the rectified card (ID-1 is 85.6 x 54 mm). */
const RECTIFIED_CARD_WIDTH = 1280;
const ID1_ASPECT = 85.6 / 54;
/**
 * The detector's corners come from a 320 px input (median error 1.8 % of the card width, p90 4 %);
 * the crop is widened so text at the card's edge survives (the text stages cope with a little
 * background and leftover tilt). 5, 8 and 12 % measured alike on the fixtures and a 60-image set.
 */
const RECTIFY_MARGIN = 0.08;

type Timings = Record<OcrStage, number>;

/**
 * KTP reader: decode -> card detection -> rectification -> PP-OCRv4 text detection -> batched
 * recognition -> deskewed line grouping -> label-anchored parsing -> normalisation -> NIK validation.
 * Create once (models load and warm up in `create`), then call `process` per image.
 */
export class OcrEngine {
  private readonly gate: ConcurrencyGate;
  private readonly wholeImage = new WholeImageCardDetector();

  private constructor(
    private readonly options: ResolvedOcrEngineOptions,
    private readonly sessions: ort.InferenceSession[],
    private readonly cardDetector: CardDetector,
    private readonly textDetector: DbTextDetector,
    private readonly recognizer: SvtrRecognizer,
    private readonly regions: RegionLookup,
    private readonly models: ModelInfo[],
  ) {
    this.gate = new ConcurrencyGate(options.maxConcurrentRequests);
  }

  static async create(options: OcrEngineOptions): Promise<OcrEngine> {
    const resolved = resolveOptions(options);
    const { models, expectedChecksums } = resolved;
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: resolved.intraOpThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Idle intra-op threads sleep instead of spinning, so a busy neighbour process does not stall them.
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    };
    const detection = loadModelFile('text-detection', models.textDetection, PADDLE_MODELS_VERSION, expectedChecksums?.textDetection);
    const recognition = loadModelFile('text-recognition', models.textRecognition, PADDLE_MODELS_VERSION, expectedChecksums?.textRecognition);
    const dictionary = loadModelFile('recognition-dictionary', models.recognitionDictionary, PADDLE_MODELS_VERSION, expectedChecksums?.recognitionDictionary);
    const infos = [detection.info, recognition.info, dictionary.info];

    const detectionSession = await ort.InferenceSession.create(detection.bytes, sessionOptions);
    const recognitionSession = await ort.InferenceSession.create(recognition.bytes, sessionOptions);
    const sessions = [detectionSession, recognitionSession];
    let cardDetector: CardDetector = new WholeImageCardDetector();
    if (models.cardDetector) {
      const file = loadModelFile('card-detector', models.cardDetector, 'models/card-detector', expectedChecksums?.cardDetector);
      infos.push(file.info);
      cardDetector = await OnnxCardDetector.create(file.bytes, sessionOptions, resolved.cardDetectorThreshold);
    }

    const engine = new OcrEngine(
      resolved,
      sessions,
      cardDetector,
      new DbTextDetector(detectionSession, resolved.detectionMaxSide),
      new SvtrRecognizer(recognitionSession, parseDictionary(dictionary.bytes.toString('utf8')), resolved.recognitionBatchSize),
      RegionLookup.load(resolved.regionDataDir),
      infos,
    );
    if (resolved.warmUp) await engine.warmUp();
    return engine;
  }

  health(): OcrHealth {
    return {
      status: 'ok',
      onnxruntime: ort.env.versions.node ?? ort.env.versions.common,
      intraOpThreads: this.options.intraOpThreads,
      models: this.models.map((m) => ({ ...m })),
      cardDetector: this.cardDetector.kind === 'model' ? 'model' : 'whole-image-fallback',
    };
  }

  /** Reads one KTP photo. Throws `OcrError` for unusable input (see `OcrErrorCode`). */
  process(bytes: Buffer): Promise<OcrResult> {
    return this.gate.run(() => this.read(bytes));
  }

  async release(): Promise<void> {
    await this.cardDetector.release();
    await Promise.all(this.sessions.map((s) => s.release()));
  }

  private async read(bytes: Buffer): Promise<OcrResult> {
    const timings = Object.fromEntries(
      (['decode', 'cardDetection', 'rectify', 'textDetection', 'textRecognition', 'parse', 'total'] as OcrStage[]).map((s) => [s, 0]),
    ) as Timings;
    const start = performance.now();
    const timed = async <T>(stage: OcrStage, work: () => Promise<T> | T): Promise<T> => {
      const t0 = performance.now();
      try {
        return await work();
      } finally {
        timings[stage] += Math.round((performance.now() - t0) * 10) / 10;
      }
    };

    const { image, originalWidth } = await timed('decode', () =>
      decodeImage(bytes, {
        maxBytes: this.options.maxBytes,
        maxPixels: this.options.maxPixels,
        maxWorkingSide: MAX_WORKING_SIDE,
        minSide: MIN_IMAGE_SIDE,
      }),
    );
    const warnings: OcrWarning[] = [];
    const found = await timed('cardDetection', () => this.cardDetector.detect(image));
    // A card the model missed can still be read from the whole image; text cues then decide.
    const detection = found ?? (await this.wholeImage.detect(image));
    if (this.cardDetector.kind === 'whole-image') {
      warnings.push({ code: 'DETECTOR_FALLBACK', message: 'No card detector model is loaded; the whole image was read as the card.' });
    } else if (!found) {
      warnings.push({ code: 'DETECTOR_FALLBACK', message: 'The card detector found no card; the whole image was read instead.' });
    }
    const card = await timed('rectify', () => rectify(image, detection));
    const texts = await timed('textDetection', async () => keepPrintedText(card, await this.textDetector.detect(card)));
    if (!texts.length) throw new OcrError('NO_CARD_FOUND', 'No text was found in the image, so no ID card could be read.');
    const quality = measureQuality(card, textExtent(texts.map((t) => t.box)));
    if (quality.sharpness < BLUR_THRESHOLD) warnings.push({ code: 'BLURRY', message: 'The photo looks blurry; some text may be misread.' });
    if (quality.glareFraction > GLARE_THRESHOLD) warnings.push({ code: 'GLARE', message: 'Glare on the card may hide some text.' });
    const recognised = await timed('textRecognition', () => this.recognizer.recognize(card, texts.map((t) => t.box)));

    return timed('parse', () => {
      const items = withoutPunctuationBoxes(texts.map((t, i) => ({ box: t.box, ...recognised[i] })));
      const parsed = parseKtp(groupLines(items));
      const cardType = decideCardType(detection, parsed);
      if (isCutOff(detection, items, image)) {
        warnings.push({ code: 'CARD_CUT_OFF', message: 'The card seems to run past the edge of the photo.' });
      }
      if (cardType !== 'KTP') {
        warnings.push({ code: 'NOT_A_KTP', message: cardType === 'SIM' ? 'This is a SIM (driving licence), not a KTP.' : 'This card is not a KTP.' });
        return { cardType, card: cardInfo(detection, originalWidth / image.width), fields: {}, nikValidation: null, warnings, timingsMs: timings };
      }
      const reading = readKtp(parsed, this.regions);
      warnings.push(...reading.warnings);
      return { cardType, card: cardInfo(detection, originalWidth / image.width), fields: reading.fields, nikValidation: reading.nikValidation, warnings, timingsMs: timings };
    }).then((result) => {
      timings.total = Math.round((performance.now() - start) * 10) / 10;
      return result;
    });
  }

  /** Runs the models once on a blank card so the first request does not pay for graph initialisation. */
  private async warmUp(): Promise<void> {
    const width = RECTIFIED_CARD_WIDTH;
    const height = Math.round(width / ID1_ASPECT);
    const blank: RgbImage = { data: new Uint8Array(width * height * 3).fill(200), width, height };
    await this.cardDetector.detect(blank);
    await this.textDetector.detect(blank);
    await this.recognizer.recognize(blank, [{ cx: 200, cy: 100, width: 300, height: 40, angle: 0 }]);
  }
}

/**
 * Drops narrow boxes that hold a lone colon or stop (the colons between labels and values), also when
 * misread as a single letter much shorter than a text row (`C`). They carry nothing and would only
 * confuse line grouping. A `-` stays (an unrecorded blood type), and wider unreadable boxes stay: an
 * unreadable label still marks a row.
 */
function withoutPunctuationBoxes(items: TextItem[]): TextItem[] {
  const heights = items.map((i) => i.box.height).sort((a, b) => a - b);
  const rowHeight = heights[heights.length >> 1] ?? 0;
  return items.filter(({ box, text }) => {
    if (box.width > 1.5 * box.height) return true;
    if (/^[\s:：;.,]*$/.test(text)) return false;
    return !/^[\p{L}\p{N}]$/u.test(text.trim()) || box.height >= 0.6 * rowHeight;
  });
}

/** Axis-aligned extent of the text boxes. */
function textExtent(boxes: RotatedBox[]): Region {
  const corners = boxes.flatMap((box) => boxCorners(box));
  return {
    left: Math.min(...corners.map((p) => p.x)),
    top: Math.min(...corners.map((p) => p.y)),
    right: Math.max(...corners.map((p) => p.x)),
    bottom: Math.max(...corners.map((p) => p.y)),
  };
}

/** Card location in the input image's pixels (the pipeline works on a copy downscaled by `1 / scale`). */
function cardInfo(detection: CardDetection, scale: number): OcrResult['card'] {
  const corners = detection.corners.map((p) => ({ x: p.x * scale, y: p.y * scale })) as Quad;
  return { corners, confidence: detection.confidence, source: detection.source };
}

/** Warps a detected card to a flat ID-1 rectangle; the fallback's whole image is used as is. */
function rectify(image: RgbImage, detection: CardDetection): RgbImage {
  if (detection.source === 'whole-image') return image;
  const [tl, tr, br, bl] = detection.corners;
  const measuredWidth = Math.max(Math.hypot(tr.x - tl.x, tr.y - tl.y), Math.hypot(br.x - bl.x, br.y - bl.y));
  const width = Math.round(Math.min(RECTIFIED_CARD_WIDTH, Math.max(measuredWidth, 640)));
  return warpPerspective(image, expandQuad(detection.corners, RECTIFY_MARGIN), width, Math.round(width / ID1_ASPECT));
}

function decideCardType(detection: CardDetection, parsed: ParsedKtp): CardType {
  if (detection.cardType === 'SIM' || parsed.hasSimCues) return 'SIM';
  if (detection.cardType === 'KTP' || looksLikeKtp(parsed)) return 'KTP';
  if (detection.source === 'model') return 'OTHER';
  throw new OcrError('NO_CARD_FOUND', 'No KTP or SIM text was found in the image.');
}

/** Card corners at the image border (detector), or text touching the border (fallback, where card = image). */
function isCutOff(detection: CardDetection, items: TextItem[], image: RgbImage): boolean {
  if (detection.source === 'model') {
    const margin = 2;
    return detection.corners.some((p: Quad[number]) => p.x <= margin || p.y <= margin || p.x >= image.width - 1 - margin || p.y >= image.height - 1 - margin);
  }
  const margin = 0.005 * Math.max(image.width, image.height);
  return items.some(({ box }) => box.cx - box.width / 2 < margin || box.cy - box.height / 2 < margin || box.cx + box.width / 2 > image.width - margin || box.cy + box.height / 2 > image.height - margin);
}
