import { baseEnvSchema, loadConfig, z } from '@mediq/common';

export const userConfigSchema = baseEnvSchema.extend({});

export type UserConfig = z.infer<typeof userConfigSchema>;

/** Injection token for the validated configuration. */
export const USER_CONFIG = Symbol('USER_CONFIG');

export function loadUserConfig(env: NodeJS.ProcessEnv = process.env): UserConfig {
  return loadConfig(userConfigSchema, env);
}
