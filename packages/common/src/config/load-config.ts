import { z } from 'zod';

/**
 * Validates the environment once, at start-up, into a typed object. A missing or invalid
 * variable stops the process with one line per problem, naming the variable.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** Environment shared by every MediQ process. Development defaults are marked as such in .env.example. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: booleanString.default(false),
  RABBITMQ_URL: z.string().url().default('amqp://guest:guest@127.0.0.1:5672'),
  /** Prefix for every queue and exchange name: lets test runs share a broker without crossing. */
  RMQ_PREFIX: z.string().regex(/^[a-z0-9-]*\.?$/, 'lower-case letters, digits, dashes, optional trailing dot').default(''),
  RMQ_PREFETCH: z.coerce.number().int().min(1).max(1000).default(20),
  RMQ_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
  RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** Prometheus metrics at http://<host>:METRICS_PORT/metrics (0: any free port; unset: services serve none, the gateway serves them on its HTTP port). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export type BaseConfig = z.infer<typeof baseEnvSchema>;

export const databaseUrl = z
  .string()
  .regex(/^(mysql|mariadb):\/\//, 'must be a mysql:// or mariadb:// URL');

export const redisUrl = z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL');

export { z };
