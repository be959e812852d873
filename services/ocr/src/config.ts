import { baseEnvSchema, loadConfig, z } from '@mediq/common';

export const ocrConfigSchema = baseEnvSchema.extend({});

export type OcrConfig = z.infer<typeof ocrConfigSchema>;

/** Injection token for the validated configuration. */
export const OCR_CONFIG = Symbol('OCR_CONFIG');

export function loadOcrConfig(env: NodeJS.ProcessEnv = process.env): OcrConfig {
  return loadConfig(ocrConfigSchema, env);
}
