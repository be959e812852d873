// Evaluate models/card-detector/card-detector.onnx in Node (onnxruntime-node + sharp), with the
// exact pre/post-processing documented in models/README.md, on a folder of images + ground-truth
// JSONs written by scripts/ocr-data/generate_cards.py.
//
//   node models/card-detector/eval.mjs <folder> [--threshold 0.5] [--threads 1] [--verbose]
//
// Developer tool; not part of the service or CI.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const sharp = require('sharp');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SIZE = 320;
const CLASSES = ['KTP', 'SIM', 'OTHER'];

// ---- the contract: preprocessing
export async function preprocess(bytes) {
  const meta = await sharp(bytes).metadata();
  const swap = (meta.orientation ?? 1) >= 5; // EXIF 5..8 swap width and height
  const w = swap ? meta.height : meta.width;
  const h = swap ? meta.width : meta.height;
  const scale = SIZE / Math.max(w, h);
  const nw = Math.max(1, Math.round(w * scale));
  const nh = Math.max(1, Math.round(h * scale));
  const { data } = await sharp(bytes)
    .rotate() // apply EXIF orientation
    .resize(nw, nh, { fit: 'fill' })
    .extend({ top: 0, left: 0, right: SIZE - nw, bottom: SIZE - nh, background: { r: 114, g: 114, b: 114 } })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const input = new Float32Array(3 * SIZE * SIZE);
  const plane = SIZE * SIZE;
  for (let i = 0; i < plane; i++) {
    input[i] = data[i * 3] / 255;
    input[plane + i] = data[i * 3 + 1] / 255;
    input[2 * plane + i] = data[i * 3 + 2] / 255;
  }
  return { tensor: new ort.Tensor('float32', input, [1, 3, SIZE, SIZE]), scale, width: w, height: h };
}

function iou(a, b) {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return u > 0 ? inter / u : 0;
}

// ---- the contract: postprocessing
export function decode(det, scale, threshold = 0.5, nmsIou = 0.45) {
  const rows = det.dims[1];
  const d = det.data;
  const cands = [];
  for (let r = 0; r < rows; r++) {
    const o = r * 16;
    const score = d[o + 4];
    if (score < threshold) continue;
    const p = [d[o + 5], d[o + 6], d[o + 7]];
    const k = p.indexOf(Math.max(...p));
    cands.push({
      score,
      cardType: CLASSES[k],
      classProb: p[k],
      probs: { KTP: p[0], SIM: p[1], OTHER: p[2] },
      box: [d[o] / scale, d[o + 1] / scale, d[o + 2] / scale, d[o + 3] / scale],
      corners: [0, 1, 2, 3].map((c) => [d[o + 8 + 2 * c] / scale, d[o + 9 + 2 * c] / scale]),
    });
  }
  cands.sort((a, b) => b.score - a.score);
  const keep = [];
  for (const c of cands) if (keep.every((k) => iou(k.box, c.box) < nmsIou)) keep.push(c);
  return keep; // best first; coordinates in the EXIF-oriented original image's pixels
}

export async function loadDetector(threads = 1) {
  return ort.InferenceSession.create(process.env.CARD_DETECTOR_ONNX ?? path.join(HERE, 'card-detector.onnx'), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
}

function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
}

async function main() {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  const opt = (n, dflt) => {
    const i = args.indexOf(n);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const thr = Number(opt('--threshold', '0.5'));
  const verbose = args.includes('--verbose');
  const session = await loadDetector(Number(opt('--threads', '1')));
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const st = { cards: 0, detected: 0, classOk: 0, cornerPx: [], cornerRel: [], negatives: 0, fpNeg: 0, ms: [], pre: [],
    byType: {}, truncated: 0, truncDet: 0 };
  for (const f of files) {
    const gt = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const bytes = fs.readFileSync(path.join(dir, gt.image));
    const t0 = performance.now();
    const pre = await preprocess(bytes);
    const t1 = performance.now();
    const out = await session.run({ images: pre.tensor });
    const dets = decode(out.detections, pre.scale, thr);
    const t2 = performance.now();
    st.pre.push(t1 - t0);
    st.ms.push(t2 - t1);
    if (gt.cardType === 'NONE') {
      st.negatives++;
      if (dets.length) st.fpNeg++;
      if (verbose && dets.length) console.log('FP', gt.image, dets[0].cardType, dets[0].score.toFixed(2));
      continue;
    }
    st.cards++;
    const bt = (st.byType[gt.cardType] ??= { n: 0, det: 0, cls: 0 });
    bt.n++;
    if (gt.truncated) st.truncated++;
    // the best detection overlapping the ground-truth card
    const m = dets.find((d) => iou(d.box, gt.box) >= 0.5);
    if (!m) {
      if (verbose) console.log('MISS', gt.image, gt.cardType, dets.length ? `${dets[0].cardType} ${dets[0].score.toFixed(2)} iou ${iou(dets[0].box, gt.box).toFixed(2)}` : 'no detection');
      continue;
    }
    st.detected++;
    bt.det++;
    if (gt.truncated) st.truncDet++;
    if (m.cardType === gt.cardType) { st.classOk++; bt.cls++; } else if (verbose) console.log('CLASS', gt.image, gt.cardType, '->', m.cardType);
    const err = m.corners.map((c, i) => Math.hypot(c[0] - gt.corners[i][0], c[1] - gt.corners[i][1]));
    const mean = err.reduce((a, b) => a + b, 0) / 4;
    const cardW = Math.hypot(gt.corners[1][0] - gt.corners[0][0], gt.corners[1][1] - gt.corners[0][1]);
    st.cornerPx.push(mean);
    st.cornerRel.push((100 * mean) / cardW);
  }
  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + ' %' : 'n/a');
  console.log(`images: ${files.length} (cards ${st.cards}, no-card negatives ${st.negatives}); threshold ${thr}`);
  console.log(`detection rate (IoU >= 0.5): ${st.detected}/${st.cards} = ${pct(st.detected, st.cards)}` +
    `  (cards running off the frame: ${st.truncDet}/${st.truncated})`);
  for (const [k, v] of Object.entries(st.byType)) console.log(`  ${k}: detected ${v.det}/${v.n}, class correct ${v.cls}/${v.det}`);
  console.log(`class accuracy on detected cards: ${st.classOk}/${st.detected} = ${pct(st.classOk, st.detected)}`);
  console.log(`mean corner error, px in the original image: median ${quantile(st.cornerPx, 0.5).toFixed(1)}, p90 ${quantile(st.cornerPx, 0.9).toFixed(1)}`);
  console.log(`mean corner error, % of card width: median ${quantile(st.cornerRel, 0.5).toFixed(2)}, p90 ${quantile(st.cornerRel, 0.9).toFixed(2)}`);
  console.log(`false positives on no-card images: ${st.fpNeg}/${st.negatives} = ${pct(st.fpNeg, st.negatives)}`);
  console.log(`timing per image: preprocess (sharp decode+resize) median ${quantile(st.pre, 0.5).toFixed(1)} ms, p95 ${quantile(st.pre, 0.95).toFixed(1)} ms; ` +
    `inference+decode median ${quantile(st.ms, 0.5).toFixed(1)} ms, p95 ${quantile(st.ms, 0.95).toFixed(1)} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
