import { baseEnvSchema, loadConfig, redisUrl, rejectDevelopmentSecretsInProduction, secretWithDevelopmentDefault, z } from '@mediq/common';

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
  BREAKER_ROLLING_WINDOW_MS: z.coerce.number().int().min(1_000).default(10_000),
  /** Bulkhead: concurrent calls in flight per downstream service. */
  DOWNSTREAM_MAX_CONCURRENCY: z.coerce.number().int().min(1).default(100),
  OCR_MAX_CONCURRENCY: z.coerce.number().int().min(1).default(4),
  /** Verifies access tokens (HS256); the user service signs them with the same secret. */
  JWT_ACCESS_SECRET: secretWithDevelopmentDefault('JWT_ACCESS_SECRET'),
  /** How long a verified kiosk x-api-key is trusted before asking the user service again (0: always ask). */
  KIOSK_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
}).superRefine(rejectDevelopmentSecretsInProduction);

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(gatewayConfigSchema, env);
}
