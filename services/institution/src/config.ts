import { baseEnvSchema, databaseUrl, loadConfig, redisUrl, z } from '@mediq/common';

export const institutionConfigSchema = baseEnvSchema.extend({
  INSTITUTION_DATABASE_URL: databaseUrl.default('mysql://root@127.0.0.1:3306/mediq_institution'),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /** How long cached lists, details and service lists live; every write invalidates them at once anyway. */
  INSTITUTION_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Search ranks at most this many prefiltered records in process. */
  INSTITUTION_SEARCH_CANDIDATE_LIMIT: z.coerce.number().int().min(50).max(50_000).default(2_000),
});

export type InstitutionConfig = z.infer<typeof institutionConfigSchema>;

/** Injection token for the validated configuration. */
export const INSTITUTION_CONFIG = Symbol('INSTITUTION_CONFIG');

export function loadInstitutionConfig(env: NodeJS.ProcessEnv = process.env): InstitutionConfig {
  return loadConfig(institutionConfigSchema, env);
}
