import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger, LoggerOptions as PinoOptions } from 'pino';
import { hostname } from 'node:os';
import { requestContext } from './request-context';

/**
 * Keys whose values are personal data. pino replaces them with "[redacted]" wherever they appear
 * in a logged object, at any of the listed depths, so a careless `log({ user })` cannot leak PII.
 */
const PII_KEYS = [
  'nik', 'name', 'nama', 'address', 'alamat', 'birthPlace', 'tempatLahir', 'birthDate', 'tanggalLahir',
  'phone', 'email', 'password', 'rtRw', 'kelurahan', 'kelurahanDesa', 'image', 'file', 'fields',
  'accessToken', 'refreshToken', 'token', 'apiKey', 'authorization', 'x-api-key', 'totpSecret',
];
const REDACT_PATHS = PII_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

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
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: () => {
      const requestId = requestContext.requestId();
      return requestId ? { requestId } : {};
    },
    transport: pretty ? { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } : undefined,
  };
  return destination && !pretty ? pino(options, destination) : pino(options);
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
