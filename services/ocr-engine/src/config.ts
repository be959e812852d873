import { baseEnvSchema, loadConfig, z } from '@mediq/common';

export const ocrEngineConfigSchema = baseEnvSchema.extend({
  /** Inference is CPU-bound: take few requests at a time so other replicas get the rest. */
  RMQ_PREFETCH: z.coerce.number().int().min(1).max(100).default(2),
  /** onnxruntime intra-op threads per model session. */
  OCR_INTRA_OP_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  /** Photos whose inference may run at once in this process; the others wait in order. */
  OCR_MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(16).default(1),
});

export type OcrEngineConfig = z.infer<typeof ocrEngineConfigSchema>;

/** Injection token for the validated configuration. */
export const OCR_ENGINE_CONFIG = Symbol('OCR_ENGINE_CONFIG');

export function loadOcrEngineConfig(env: NodeJS.ProcessEnv = process.env): OcrEngineConfig {
  return loadConfig(ocrEngineConfigSchema, env);
}
