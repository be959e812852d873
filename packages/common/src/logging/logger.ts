import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
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
}

export function createLogger({ service, level, pretty }: LoggerOptions): Logger {
  return pino({
    name: service,
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: () => {
      const requestId = requestContext.requestId();
      return requestId ? { requestId } : {};
    },
    transport: pretty ? { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } : undefined,
  });
}

/** Routes NestJS's own logging through pino so every line is structured JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
