import { baseEnvSchema, databaseUrl, loadConfig, redisUrl, rejectDevelopmentSecretsInProduction, secretWithDevelopmentDefault, z } from '@mediq/common';

const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** A lifetime such as `15m`, `7d`, `12h`, `30s` or plain seconds, as a number of seconds. */
const durationSeconds = z
  .string()
  .regex(/^\d+[smhd]?$/, 'must be a duration such as 900, 30s, 15m, 12h or 7d')
  .transform((value) => {
    const unit = value.at(-1)! in UNIT_SECONDS ? (value.at(-1) as keyof typeof UNIT_SECONDS) : 's';
    return Number.parseInt(value, 10) * UNIT_SECONDS[unit];
  })
  .refine((seconds) => seconds > 0, 'must be longer than zero');

export const userConfigSchema = baseEnvSchema
  .extend({
    USER_DATABASE_URL: databaseUrl.default('mysql://root@127.0.0.1:3306/mediq_user'),
    REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
    /** Signs access tokens; the gateway verifies them with the same secret. */
    JWT_ACCESS_SECRET: secretWithDevelopmentDefault('JWT_ACCESS_SECRET'),
    /** Signs refresh tokens; only this service reads them. */
    JWT_REFRESH_SECRET: secretWithDevelopmentDefault('JWT_REFRESH_SECRET'),
    JWT_ACCESS_TTL: durationSeconds.default(15 * 60),
    JWT_REFRESH_TTL: durationSeconds.default(7 * 86_400),
    /** 32 bytes, base64: AES-256-GCM key sealing NIKs and TOTP secrets. */
    PII_ENCRYPTION_KEY: secretWithDevelopmentDefault('PII_ENCRYPTION_KEY', 44),
    /** 32 bytes, base64: HMAC-SHA256 key for NIK lookups and rate-limit keys. */
    PII_HASH_KEY: secretWithDevelopmentDefault('PII_HASH_KEY', 44),
    /** Failed sign-ins of one account within the window before it is locked until the window ends. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_LOCKOUT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
    /** Failed sign-ins from one IP address within its window before that address must wait. */
    LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
    LOGIN_IP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  })
  .superRefine(rejectDevelopmentSecretsInProduction);

export type UserConfig = z.infer<typeof userConfigSchema>;

/** Injection token for the validated configuration. */
export const USER_CONFIG = Symbol('USER_CONFIG');

export function loadUserConfig(env: NodeJS.ProcessEnv = process.env): UserConfig {
  return loadConfig(userConfigSchema, env);
}
