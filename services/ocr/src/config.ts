import { baseEnvSchema, databaseUrl, loadConfig, rejectDevelopmentSecretsInProduction, secretWithDevelopmentDefault, z } from '@mediq/common';

export const ocrConfigSchema = baseEnvSchema
  .extend({
    OCR_DATABASE_URL: databaseUrl.default('mysql://root@127.0.0.1:3306/mediq_ocr'),
    /** 32 bytes, base64: AES-256-GCM key sealing the fields read from a card until they are confirmed. */
    SCAN_ENCRYPTION_KEY: secretWithDevelopmentDefault('SCAN_ENCRYPTION_KEY', 44),
    /** How long a scan waits for its confirmation before it expires and its data is purged. */
    SCAN_TTL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    /** How often expired scans are purged. */
    SCAN_PURGE_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
    /** Timeout of a call to the OCR engine (inference of one photo). */
    OCR_ENGINE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(15_000),
  })
  .superRefine(rejectDevelopmentSecretsInProduction);

export type OcrConfig = z.infer<typeof ocrConfigSchema>;

/** Injection token for the validated configuration. */
export const OCR_CONFIG = Symbol('OCR_CONFIG');

export function loadOcrConfig(env: NodeJS.ProcessEnv = process.env): OcrConfig {
  return loadConfig(ocrConfigSchema, env);
}
