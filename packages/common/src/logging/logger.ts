import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger, LoggerOptions as PinoOptions } from 'pino';
import { hostname } from 'node:os';
import { requestContext } from './request-context';

/**
 * Keys whose values are personal data. Every logged object is walked (its fields, and theirs, three
 * levels deep, arrays included) and their values replaced with "[redacted]", so a careless
 * `log({ user })` cannot leak PII. A walk over the few keys a log line has, not pino's path-based
 * redaction: with wildcard paths that cost 6 % of the gateway's CPU per request (docs/benchmarks.md).
 */
const PII_KEYS = new Set([
  'nik', 'name', 'nama', 'address', 'alamat', 'birthPlace', 'tempatLahir', 'birthDate', 'tanggalLahir',
  'phone', 'email', 'password', 'rtRw', 'kelurahan', 'kelurahanDesa', 'image', 'file', 'fields',
  'accessToken', 'refreshToken', 'token', 'apiKey', 'authorization', 'x-api-key', 'totpSecret',
]);
const REDACTED = '[redacted]';
const REDACT_DEPTH = 3;

/** `value` with the values of personal-data keys replaced, copying only what changes. */
export function redactPersonalData<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth >= REDACT_DEPTH || value instanceof Date || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = redactPersonalData(item, depth + 1);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const item = object[key];
    const next = PII_KEYS.has(key) ? REDACTED : redactPersonalData(item, depth + 1);
    if (next !== item) (copy ??= { ...object })[key] = next;
  }
  return (copy ?? value) as T;
}

export interface LoggerOptions {
  service: string;
  level: string;
  pretty: boolean;
  /** Where lines go instead of stdout (a test capturing them); ignored when pretty. */
  destination?: DestinationStream;
}

export function createLogger({ service, level, pretty, destination }: LoggerOptions): Logger {
  const options: PinoOptions = {
    // `service`, not pino's `name`: "name" is a redacted personal-data key.
    base: { service, pid: process.pid, hostname: hostname() },
    level,
    formatters: { log: (object) => redactPersonalData(object) },
    mixin: () => {
      const requestId = requestContext.requestId();
      return requestId ? { requestId } : {};
    },
    transport: pretty ? { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true } } : undefined,
  };
  if (pretty) return pino(options);
  // Lines are written asynchronously (a buffer flushed off the request path), and flushed on exit.
  return pino(options, destination ?? asyncStdout());
}

let sharedStdout: DestinationStream | undefined;

/** One buffered stdout for the process: written when 4 kB gather or every 200 ms, and at exit. */
function asyncStdout(): DestinationStream {
  if (sharedStdout) return sharedStdout;
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => stdout.flush(), 200).unref();
  process.once('exit', () => stdout.flushSync());
  sharedStdout = stdout;
  return stdout;
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace';

/**
 * Routes NestJS's own logging through pino so every line is structured JSON. A message may be a
 * string or an object of fields (its `msg` becomes the message): `logger.log({ msg, route, status })`
 * logs the fields as fields, not as text inside the message.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, contextOf(params));
  }
  error(message: unknown, ...params: unknown[]) {
    // Nest passes (message, stack?, context?).
    const [trace, ...rest] = params;
    this.write('error', message, contextOf(rest), trace === undefined ? {} : { trace });
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, contextOf(params));
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, contextOf(params));
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, contextOf(params));
  }

  private write(level: Level, message: unknown, context: string | undefined, extra: Record<string, unknown> = {}) {
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.logger[level]({ context, ...extra, ...fields }, typeof msg === 'string' ? msg : '');
    } else {
      this.logger[level]({ context, ...extra }, message instanceof Error ? message.message : String(message));
    }
  }
}

/** Nest appends the logger's context as the last parameter. */
function contextOf(params: unknown[]): string | undefined {
  const last = params[params.length - 1];
  return typeof last === 'string' ? last : undefined;
}
