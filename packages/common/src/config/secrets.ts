import { z } from 'zod';

/**
 * Development-only secrets: the defaults that let `npm start` run without a .env. They are public
 * (they are in this file), so a production process refuses to start with any of them.
 */
export const DEVELOPMENT_SECRETS = {
  JWT_ACCESS_SECRET: 'dev-only-jwt-access-secret-do-not-use-in-production',
  JWT_REFRESH_SECRET: 'dev-only-jwt-refresh-secret-do-not-use-in-production',
  /** 32 bytes, base64. */
  PII_ENCRYPTION_KEY: 'ZGV2LW9ubHktcGlpLWVuY3J5cHRpb24ta2V5LTMyYiE=',
  PII_HASH_KEY: 'ZGV2LW9ubHktcGlpLWhhc2gta2V5LS0tLS0tMzJieXQ=',
  SCAN_ENCRYPTION_KEY: 'ZGV2LW9ubHktc2Nhbi1lbmNyeXB0aW9uLWtleS0zMmI=',
} as const;

/** A secret variable with its development default; `secretsFitEnvironment` rejects the default in production. */
export function secretWithDevelopmentDefault(name: keyof typeof DEVELOPMENT_SECRETS, minLength = 32) {
  return z.string().min(minLength, `must be at least ${minLength} characters`).default(DEVELOPMENT_SECRETS[name]);
}

/** Adds an issue for every secret that still holds its development default while NODE_ENV=production. */
export function rejectDevelopmentSecretsInProduction(config: Record<string, unknown>, context: z.RefinementCtx): void {
  if (config.NODE_ENV !== 'production') return;
  for (const [name, value] of Object.entries(DEVELOPMENT_SECRETS)) {
    if (config[name] === value) {
      context.addIssue({ code: 'custom', path: [name], message: 'uses the public development default; set a real secret in production' });
    }
  }
}
