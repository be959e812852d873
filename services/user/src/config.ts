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
    /**
     * Sign-in back-off (rate-limiter-flexible in Redis). Failures are counted per account and source
     * address: after LOGIN_MAX_FAILURES in a row from one address, that address waits for that account
     * LOGIN_BACKOFF_BASE_SECONDS, doubling with each further failure up to LOGIN_BACKOFF_MAX_SECONDS.
     * Once an account has LOGIN_ACCOUNT_STREAK failures from all addresses together, every address that
     * failed on it backs off from its first failure. An address with no failures is never held back.
     */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(1).default(15),
    LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
    LOGIN_ACCOUNT_STREAK: z.coerce.number().int().min(1).default(20),
    /** How long failures are remembered (a success from the same address forgets them). */
    LOGIN_FAILURE_MEMORY_SECONDS: z.coerce.number().int().min(60).default(24 * 3_600),
    /** Failed sign-ins from one address, over every account, before it must wait: set high, a clinic's NAT is one address. */
    LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(300),
    LOGIN_IP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3_600),
  })
  .superRefine(rejectDevelopmentSecretsInProduction);

export type UserConfig = z.infer<typeof userConfigSchema>;

/** Injection token for the validated configuration. */
export const USER_CONFIG = Symbol('USER_CONFIG');

export function loadUserConfig(env: NodeJS.ProcessEnv = process.env): UserConfig {
  return loadConfig(userConfigSchema, env);
}
