import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { CardDetection, CardDetector } from './card-detection/card-detector';
import { OnnxCardDetector, expandQuad } from './card-detection/onnx-card-detector';
import { WholeImageCardDetector } from './card-detection/whole-image-card-detector';
import { ConcurrencyGate } from './concurrency-gate';
import { resolveOptions, type OcrEngineOptions, type ResolvedOcrEngineOptions } from './config';
import { PADDLE_MODELS_VERSION } from './default-model-paths';
import { OcrError } from './errors';
import { applyHomography, rectangleToQuad, warpPerspective } from './geometry/perspective';
import { isMostlyVertical, isPortrait, quadSides, rotateQuarter, turnQuad, unturnQuad } from './geometry/orientation';
import { combineReadings, nikDigitDistributions, type DigitDistribution } from './nik-decoding/nik-joint-decoder';
import { findNikItem } from './nik-decoding/nik-line';
import type { FieldEvidence } from './confidence/field-evidence';
import { boxCorners, type RotatedBox } from './geometry/rotated-box';
import type { RgbImage } from './geometry/rgb-image';
import { decodeImage } from './input/decode-image';
import { parseKtp, type ParsedKtp } from './ktp-parser/ktp-parser';
import { findLabelColumn, readLabelLayout } from './ktp-parser/label-layout';
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
  type KtpFieldKey,
  type Point,
  type Quad,
} from './result';
import { DbTextDetector, type DetectedText } from './text-detection/db-text-detector';
import { keepPrintedText } from './text-detection/printed-text-filter';
import type { DecodedLine } from './text-recognition/ctc-decoder';
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

/** Text this close to the image border (share of its long side) is taken as cut by it. */
const CUT_OFF_MARGIN = 0.005;
/**
 * The second reading of the NIK line takes this much vertical context (the first, `VERTICAL_CONTEXT`
 * 1.1): the digits land at another scale in the recogniser's window, so its errors differ.
 */
const NIK_SECOND_READING_CONTEXT = 1.3;
/** What a person can do when no card text was found. */
const TURN_HINT = 'If the card was photographed sideways or upside down, hold it upright and take the photo again.';

/** What a box not (yet) recognised holds. */
const UNREAD: DecodedLine = { text: '', chars: [], confidence: 0 };

type Timings = Record<OcrStage, number>;
type Timed = <T>(stage: OcrStage, work: () => Promise<T> | T) => Promise<T>;

/** Text of one card view: recognised boxes and the KTP layout parsed from them. */
interface ViewText {
  items: TextItem[];
  parsed: ParsedKtp;
}

/** The outcome of reading the photo in one orientation. */
interface OrientedPass {
  detection: CardDetection;
  view: CardView;
  text: ViewText;
  /** The text reads as a KTP or SIM. */
  readsAsCard: boolean;
  /** Quarter turns clockwise applied to the whole photo before the card was looked for. */
  imageTurns: number;
}

/** The card rectified in one orientation, and the text detected on it. */
interface CardView {
  /** Quarter turns clockwise applied to the card. */
  turns: number;
  card: RgbImage;
  toImage: (p: Point) => Point;
  /** Every detected box, before the security print is filtered out (orientation is judged on all). */
  allBoxes: RotatedBox[];
  texts: DetectedText[];
}

/** A result with the evidence behind each field's confidence (for calibration). */
export interface EngineReading {
  result: OcrResult;
  fieldEvidence: Partial<Record<KtpFieldKey, FieldEvidence>>;
}

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
    // libvips' operation cache keeps decoded photos around; each image is decoded once, so it only costs memory.
    sharp.cache(false);
    const { models, expectedChecksums } = resolved;
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: resolved.intraOpThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      enableCpuMemArena: false,
      enableMemPattern: false,
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
      new SvtrRecognizer(recognitionSession, parseDictionary(dictionary.bytes.toString('utf8')), {
        maxLines: resolved.recognitionBatchSize,
        maxWidth: resolved.recognitionBatchMaxWidth,
      }),
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
  async process(bytes: Buffer): Promise<OcrResult> {
    return (await this.processWithEvidence(bytes)).result;
  }

  /** `process`, with the evidence behind each field's confidence (what `scripts/ocr-eval/calibrate.ts` fits). */
  processWithEvidence(bytes: Buffer): Promise<EngineReading> {
    return this.gate.run(() => this.read(bytes));
  }

  async release(): Promise<void> {
    await this.cardDetector.release();
    await Promise.all(this.sessions.map((s) => s.release()));
  }

  private async read(bytes: Buffer): Promise<EngineReading> {
    const timings = Object.fromEntries(
      (['decode', 'cardDetection', 'rectify', 'textDetection', 'textRecognition', 'parse', 'total'] as OcrStage[]).map((s) => [s, 0]),
    ) as Timings;
    const start = performance.now();
    const timed: Timed = async (stage, work) => {
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
    const firstPass = await this.readOrientation(image, timed);
    let pass = firstPass;
    // The card detector is trained on upright cards: a photo taken sideways is turned as a whole and read again.
    if (!pass.readsAsCard && (await this.textRunsVertically(image, pass, timed))) {
      const turned = await this.readOrientation(rotateQuarter(image), timed);
      if (turned.readsAsCard) pass = { ...turned, imageTurns: 1 };
    }
    const { detection, view, text } = pass;
    const working = pass.imageTurns ? rotateQuarter(image) : image;
    if (this.cardDetector.kind === 'whole-image') {
      warnings.push({ code: 'DETECTOR_FALLBACK', message: 'No card detector model is loaded; the whole image was read as the card.' });
    } else if (detection.source === 'whole-image') {
      warnings.push({ code: 'DETECTOR_FALLBACK', message: 'The card detector found no card; the whole image was read instead.' });
    }
    if (!view.texts.length) throw new OcrError('NO_CARD_FOUND', `No text was found in the image, so no ID card could be read. ${TURN_HINT}`);
    if ((view.turns + pass.imageTurns) % 4) {
      warnings.push({ code: 'CARD_ROTATED', message: 'The card was photographed sideways or upside down; it was turned for reading.' });
    }

    const quality = measureQuality(view.card, textExtent(view.texts.map((t) => t.box)));
    const blurry = quality.sharpness < BLUR_THRESHOLD;
    const glare = quality.glareFraction > GLARE_THRESHOLD;
    if (blurry) warnings.push({ code: 'BLURRY', message: 'The photo looks blurry; some text may be misread.' });
    if (glare) warnings.push({ code: 'GLARE', message: 'Glare on the card may hide some text.' });
    if (isTextCutOff(text.items, view, working)) {
      warnings.push({ code: 'CARD_CUT_OFF', message: 'Some text of the card runs past the edge of the photo.' });
    }

    const cardType = decideCardType(detection, text.parsed);
    const card = cardInfo(pass.imageTurns ? unturnQuad(detection.corners, image) : detection.corners, detection, originalWidth / image.width);
    if (cardType !== 'KTP') {
      warnings.push({ code: 'NOT_A_KTP', message: cardType === 'SIM' ? 'This is a SIM (driving licence), not a KTP.' : 'This card is not a KTP.' });
      timings.total = Math.round((performance.now() - start) * 10) / 10;
      const result: OcrResult = { cardType, card, fields: {}, fieldsToCheck: [], suggestions: {}, nikValidation: null, warnings, timingsMs: timings };
      return { result, fieldEvidence: {} };
    }
    // The NIK line is read a second time only when the first reading leaves the NIK in any doubt.
    const nikItem = findNikItem(text.items);
    const firstNikReading = nikItem && combineReadings(nikDigitDistributions(nikItem.chars), null);
    let reading = await timed('parse', () => readKtp(text.parsed, this.regions, { nikDigits: firstNikReading, blurry, glare }));
    if (nikItem && !reading.nikClear) {
      const nikDigits = await timed('textRecognition', () => this.readNikAgain(view.card, nikItem));
      reading = await timed('parse', () => readKtp(text.parsed, this.regions, { nikDigits, blurry, glare }));
    }
    warnings.push(...reading.warnings);
    timings.total = Math.round((performance.now() - start) * 10) / 10;
    const result: OcrResult = {
      cardType,
      card,
      fields: reading.fields,
      fieldsToCheck: reading.fieldsToCheck,
      suggestions: reading.suggestions,
      nikValidation: reading.nikValidation,
      warnings,
      timingsMs: timings,
    };
    return { result, fieldEvidence: reading.fieldEvidence };
  }

  /**
   * Finds the card in `image` and reads its text the right way up: a card standing on its short side,
   * or text running up and down, is turned a quarter; a card that still does not read as one is tried
   * upside down (before its labels are read, when its values hold no NIK).
   */
  private async readOrientation(image: RgbImage, timed: Timed): Promise<OrientedPass> {
    const found = await timed('cardDetection', () => this.cardDetector.detect(image));
    // A card the model missed can still be read from the whole image; text cues then decide.
    const detection = found ?? (await this.wholeImage.detect(image));
    const look = async (turns: number): Promise<CardView> => {
      const { card, toImage } = await timed('rectify', () => rectify(image, detection, turns));
      const detected = await timed('textDetection', () => this.textDetector.detect(card));
      return { turns, card, toImage, allBoxes: detected.map((t) => t.box), texts: keepPrintedText(card, detected) };
    };
    /**
     * Recognises a view's values first: when the label layout confirms itself, that is the view's text.
     * Otherwise `readRest` recognises the boxes still waiting and parses everything as text.
     */
    const readValues = async (view: CardView): Promise<{ text: ViewText } | { nikAmongValues: boolean; readRest: () => Promise<ViewText> }> => {
      const boxes = view.texts.map((t) => t.box);
      // The label and photo-zone boxes wait until the values show whether they are needed (also on the whole image: the layout checks reject other text).
      const column = findLabelColumn(boxes);
      const deferred = new Set<RotatedBox>(column ? [...column.labelBoxes, ...column.photoZoneBoxes] : []);
      const recognised = new Map<RotatedBox, DecodedLine>();
      const recognise = async (some: RotatedBox[]) => {
        const lines = await timed('textRecognition', () => this.recognizer.recognize(view.card, some));
        some.forEach((box, i) => recognised.set(box, lines[i]));
      };
      const items = () => withoutPunctuationBoxes(boxes.map((box) => ({ box, ...(recognised.get(box) ?? UNREAD) })));
      const parseAll = () =>
        timed('parse', () => {
          const all = items();
          return { items: all, parsed: parseKtp(groupLines(all)) };
        });
      await recognise(boxes.filter((box) => !deferred.has(box)));
      if (!column) return { text: await parseAll() };
      let layout = await timed('parse', () => readLabelLayout(items(), column));
      if (layout && !layout.confirmed) {
        // The rows take the labels but some values do not fit: those rows' labels alone can confirm them.
        const { labelsToRead } = layout;
        await recognise(labelsToRead);
        layout = await timed('parse', () => readLabelLayout(items(), column, new Set(labelsToRead)));
      }
      if (layout?.confirmed) {
        for (const [box, label] of layout.labels) recognised.set(box, { text: label, chars: [], confidence: 1 });
        return { text: { items: items(), parsed: layout.parsed } };
      }
      const readRest = async () => {
        await recognise([...deferred].filter((box) => !recognised.has(box)));
        return parseAll();
      };
      return { nikAmongValues: findNikItem(items()) !== null, readRest };
    };
    const readView = async (view: CardView): Promise<ViewText> => {
      const reading = await readValues(view);
      return 'text' in reading ? reading.text : reading.readRest();
    };
    const readsAsCard = (text: ViewText) => looksLikeKtp(text.parsed) || text.parsed.hasSimCues;

    let view = await look(detection.source === 'model' && isPortrait(detection.corners) ? 1 : 0);
    if (isMostlyVertical(view.allBoxes)) view = await look(view.turns + 1);
    const mayBeUpsideDown = detection.cardType !== 'SIM' && view.texts.length > 0;
    const reading = await readValues(view);
    // Values without a NIK on what looks like a card are mostly a card upside down: its flipped view is read before its labels.
    if ('readRest' in reading && !reading.nikAmongValues && mayBeUpsideDown) {
      const flipped = await look(view.turns + 2);
      const flippedText = await readView(flipped);
      if (readsAsCard(flippedText)) return { detection, view: flipped, text: flippedText, readsAsCard: true, imageTurns: 0 };
      const text = await reading.readRest();
      return { detection, view, text, readsAsCard: readsAsCard(text), imageTurns: 0 };
    }
    let text = 'text' in reading ? reading.text : await reading.readRest();
    if (!readsAsCard(text) && mayBeUpsideDown) {
      const flipped = await look(view.turns + 2);
      const flippedText = await readView(flipped);
      if (readsAsCard(flippedText)) [view, text] = [flipped, flippedText];
    }
    return { detection, view, text, readsAsCard: readsAsCard(text), imageTurns: 0 };
  }

  /** Whether the photo's text, read where the first pass looked or over the whole image, runs up and down. */
  private async textRunsVertically(image: RgbImage, pass: OrientedPass, timed: Timed): Promise<boolean> {
    if (pass.detection.source === 'whole-image') return pass.view.turns % 2 === 0 && isMostlyVertical(pass.view.allBoxes);
    const detected = await timed('textDetection', () => this.textDetector.detect(image));
    return isMostlyVertical(detected.map((t) => t.box));
  }

  /**
   * Per-position digit probabilities of the NIK: the line as first read, combined with a second
   * reading of the same box at another scale (more vertical context), digit by digit.
   */
  private async readNikAgain(card: RgbImage, item: TextItem): Promise<DigitDistribution[] | null> {
    const [second] = await this.recognizer.recognize(card, [item.box], NIK_SECOND_READING_CONTEXT);
    return combineReadings(nikDigitDistributions(item.chars), nikDigitDistributions(second.chars));
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
function cardInfo(corners: Quad, detection: CardDetection, scale: number): OcrResult['card'] {
  return { corners: corners.map((p) => ({ x: p.x * scale, y: p.y * scale })) as Quad, confidence: detection.confidence, source: detection.source };
}

/**
 * Warps the card to a flat upright rectangle, turned `turns` quarter turns clockwise: a detected card to
 * ID-1 proportions (its corners widened by the margin), the fallback's whole image at its own size.
 * `toImage` maps a point of the result back into the image.
 */
function rectify(image: RgbImage, detection: CardDetection, turns: number): { card: RgbImage; toImage: (p: Point) => Point } {
  if (detection.source === 'whole-image' && turns % 4 === 0) return { card: image, toImage: (p) => p };
  const quad = turnQuad(detection.source === 'model' ? expandQuad(detection.corners, RECTIFY_MARGIN) : detection.corners, turns);
  const sides = quadSides(quad);
  let width: number;
  let height: number;
  if (detection.source === 'model') {
    width = Math.round(Math.min(RECTIFIED_CARD_WIDTH, Math.max(sides.width / (1 + RECTIFY_MARGIN), 640)));
    height = Math.round(width / ID1_ASPECT);
  } else {
    [width, height] = [Math.round(sides.width), Math.round(sides.height)];
  }
  const h = rectangleToQuad(width, height, quad);
  return { card: warpPerspective(image, quad, width, height), toImage: (p) => applyHomography(h, p) };
}

function decideCardType(detection: CardDetection, parsed: ParsedKtp): CardType {
  if (detection.cardType === 'SIM' || parsed.hasSimCues) return 'SIM';
  if (detection.cardType === 'KTP' || looksLikeKtp(parsed)) return 'KTP';
  if (detection.source === 'model') return 'OTHER';
  throw new OcrError('NO_CARD_FOUND', `No KTP or SIM text was found in the image. ${TURN_HINT}`);
}

/**
 * Text cut by the photo's edge: a text box reaching the border of the image (or beyond it, for a card
 * the detector located partly outside). Real scans are cropped tight to the card, so a card edge at
 * the border says nothing by itself; its text does.
 */
function isTextCutOff(items: TextItem[], view: CardView, image: RgbImage): boolean {
  const margin = CUT_OFF_MARGIN * Math.max(image.width, image.height);
  return items.some(({ box }) =>
    boxCorners(box).some((corner) => {
      const p = view.toImage(corner);
      return p.x < margin || p.y < margin || p.x > image.width - 1 - margin || p.y > image.height - 1 - margin;
    }),
  );
}
