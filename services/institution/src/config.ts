import { baseEnvSchema, databaseUrl, loadConfig, redisUrl, z } from '@mediq/common';

export const institutionConfigSchema = baseEnvSchema.extend({
  INSTITUTION_DATABASE_URL: databaseUrl.default('mysql://root@127.0.0.1:3306/mediq_institution'),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
});

export type InstitutionConfig = z.infer<typeof institutionConfigSchema>;

/** Injection token for the validated configuration. */
export const INSTITUTION_CONFIG = Symbol('INSTITUTION_CONFIG');

export function loadInstitutionConfig(env: NodeJS.ProcessEnv = process.env): InstitutionConfig {
  return loadConfig(institutionConfigSchema, env);
}
