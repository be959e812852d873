import { baseEnvSchema, loadConfig, z } from '@mediq/common';

export const patientQueueConfigSchema = baseEnvSchema.extend({});

export type PatientQueueConfig = z.infer<typeof patientQueueConfigSchema>;

/** Injection token for the validated configuration. */
export const PATIENT_QUEUE_CONFIG = Symbol('PATIENT_QUEUE_CONFIG');

export function loadPatientQueueConfig(env: NodeJS.ProcessEnv = process.env): PatientQueueConfig {
  return loadConfig(patientQueueConfigSchema, env);
}
