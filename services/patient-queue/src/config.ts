import { baseEnvSchema, databaseUrl, loadConfig, redisUrl, z } from '@mediq/common';

export const patientQueueConfigSchema = baseEnvSchema.extend({
  QUEUE_DATABASE_URL: databaseUrl.default('mysql://root@127.0.0.1:3306/mediq_queue'),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /** How long cached stats may live; changes invalidate them earlier. */
  QUEUE_STATS_CACHE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  /** Completed tickets in the moving average of service minutes used for ETAs. */
  QUEUE_SERVICE_TIME_WINDOW: z.coerce.number().int().min(1).max(1_000).default(20),
  /**
   * How long a replica reuses a service's recent pace (the completed tickets behind its ETAs) before
   * reading it again; it forgets it at once when it completes a ticket of that service itself.
   */
  QUEUE_PACE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** How often the outbox relay looks for events not yet published (after a broker outage). */
  QUEUE_OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** Published outbox events are deleted after this many hours. */
  QUEUE_OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(72),
});

export type PatientQueueConfig = z.infer<typeof patientQueueConfigSchema>;

/** Injection token for the validated configuration. */
export const PATIENT_QUEUE_CONFIG = Symbol('PATIENT_QUEUE_CONFIG');

export function loadPatientQueueConfig(env: NodeJS.ProcessEnv = process.env): PatientQueueConfig {
  return loadConfig(patientQueueConfigSchema, env);
}
