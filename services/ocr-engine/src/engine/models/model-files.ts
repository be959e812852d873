import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { OcrError } from '../errors';
import type { ModelInfo } from '../result';

/** Reads a model file once, checks that it exists (and its checksum when one is expected) and describes it. */
export function loadModelFile(name: string, path: string, version: string, expectedSha256?: string): { bytes: Buffer; info: ModelInfo } {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new OcrError('MODEL_UNAVAILABLE', `Model file for ${name} is missing: ${path}`);
  }
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (expectedSha256 && expectedSha256.toLowerCase() !== sha256) {
    throw new OcrError('MODEL_UNAVAILABLE', `Model file for ${name} has checksum ${sha256}, expected ${expectedSha256}: ${path}`);
  }
  return { bytes, info: { name, path, sha256, bytes: bytes.length, version } };
}
