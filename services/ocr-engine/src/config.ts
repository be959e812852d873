import { baseEnvSchema, loadConfig, z } from '@mediq/common';

export const ocrEngineConfigSchema = baseEnvSchema.extend({});

export type OcrEngineConfig = z.infer<typeof ocrEngineConfigSchema>;

/** Injection token for the validated configuration. */
export const OCR_ENGINE_CONFIG = Symbol('OCR_ENGINE_CONFIG');

export function loadOcrEngineConfig(env: NodeJS.ProcessEnv = process.env): OcrEngineConfig {
  return loadConfig(ocrEngineConfigSchema, env);
}
