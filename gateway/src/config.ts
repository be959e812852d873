import { baseEnvSchema, KIOSK_KEY_CACHE_MAX_TTL_MS, loadConfig, redisUrl, rejectDevelopmentSecretsInProduction, secretWithDevelopmentDefault, z } from '@mediq/common';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const gatewayConfigSchema = baseEnvSchema.extend({
  GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(8601),
  GATEWAY_HOST: z.string().default('0.0.0.0'),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /** Per-route RPC timeouts: fast routes and OCR. */
  RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(3_000),
  OCR_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(20_000),
  /** Circuit breaker per downstream service. */
  BREAKER_ERROR_THRESHOLD_PERCENT: z.coerce.number().min(1).max(100).default(50),
  BREAKER_VOLUME_THRESHOLD: z.coerce.number().int().min(1).default(5),
  BREAKER_RESET_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  // 5 s, not 10: a busy gateway's window holds hundreds of earlier successes, and a service that died was only
  // noticed once its timeouts outnumbered them (a 10 s outage at ~40 calls/s never opened it; docs/operability.md).
  BREAKER_ROLLING_WINDOW_MS: z.coerce.number().int().min(1_000).default(5_000),
  /** Bulkhead: concurrent calls in flight per downstream service. */
  DOWNSTREAM_MAX_CONCURRENCY: z.coerce.number().int().min(1).default(100),
  OCR_MAX_CONCURRENCY: z.coerce.number().int().min(1).default(4),
  /** Verifies access tokens (HS256); the user service signs them with the same secret. */
  JWT_ACCESS_SECRET: secretWithDevelopmentDefault('JWT_ACCESS_SECRET'),
  /**
   * How long a verified kiosk x-api-key is kept before asking the user service again (0: always ask).
   * A revoked key is refused at once regardless: a cached key is looked up in the revocation list in Redis on every use.
   */
  KIOSK_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(KIOSK_KEY_CACHE_MAX_TTL_MS).default(30_000),
  /** Retries of idempotent calls (reads; writes under an Idempotency-Key) after a timeout or unavailability; full jitter. */
  RPC_RETRY_ATTEMPTS: z.coerce.number().int().min(0).max(5).default(2),
  RPC_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Browser origins allowed to call the API (comma-separated, e.g. https://app.mediq.id); empty: no cross-origin access. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.string().url('each CORS origin must be a URL such as https://app.mediq.id'))),
  /** Proxy hops in front of the gateway (ingress, load balancer) whose X-Forwarded-For is trusted for the client IP. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Rate limits per client IP, counted in Redis (shared by every replica) over fixed windows. */
  RATE_LIMIT_ENABLED: booleanFlag.default(true),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  RATE_LIMIT_GLOBAL: z.coerce.number().int().min(1).default(1_200),
  RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_UPLOAD: z.coerce.number().int().min(1).default(60),
  /** JSON bodies nesting deeper or carrying more object keys than this are refused (400) before they are parsed. */
  BODY_MAX_DEPTH: z.coerce.number().int().min(2).max(1_000).default(32),
  BODY_MAX_KEYS: z.coerce.number().int().min(10).default(1_000),
  /** How long a stored Idempotency-Key response is replayed. */
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3_600).default(24 * 3_600),
}).superRefine(rejectDevelopmentSecretsInProduction);

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(gatewayConfigSchema, env);
}
