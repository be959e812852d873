import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { AppEntry, ROOT } from './repo';

/** A variable that looks like a credential or carries one (URLs with user:password). */
export const SECRET_LIKE = /SECRET|PASSWORD|TOKEN|(^|_)KEY$|DATABASE_URL$|^RABBITMQ_URL$|^REDIS_URL$/;

const LOCAL_DEFAULT = /127\.0\.0\.1|localhost/;

export interface ConfigVariable {
  name: string;
  /** No default: the app does not start without it. */
  required: boolean;
  secret: boolean;
  /** Its default only works on a development machine (points at localhost). */
  localDefault: boolean;
  schema: z.ZodType;
}

/** The zod schema exported by the app's src/config.ts (the one export named *ConfigSchema). */
export function configSchema(app: AppEntry): z.ZodObject<z.ZodRawShape> {
  const file = path.join(ROOT, app.dir, 'src/config.ts');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(file) as Record<string, unknown>;
  const schemas = Object.entries(exports).filter(([name]) => /ConfigSchema$/.test(name));
  if (schemas.length !== 1) throw new Error(`${file} should export exactly one *ConfigSchema, found ${schemas.length}`);
  return schemas[0][1] as z.ZodObject<z.ZodRawShape>;
}

/** Every variable the app's configuration declares, with what a deployment must do about it. */
export function configVariables(app: AppEntry): ConfigVariable[] {
  const shape = configSchema(app).shape;
  return Object.entries(shape).map(([name, schema]) => {
    const fallback = (schema as z.ZodType).safeParse(undefined);
    return {
      name,
      required: !fallback.success,
      secret: SECRET_LIKE.test(name),
      localDefault: fallback.success && LOCAL_DEFAULT.test(String(fallback.data)),
      schema: schema as z.ZodType,
    };
  });
}

/** Variables a cluster deployment has to set: required, secret-like, or defaulting to localhost. */
export function variablesToProvide(app: AppEntry): ConfigVariable[] {
  return configVariables(app).filter((v) => v.required || v.secret || v.localDefault);
}

export function dependsOn(app: AppEntry, pkg: string): boolean {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, app.dir, 'package.json'), 'utf8'));
  return Boolean(manifest.dependencies?.[pkg]);
}
