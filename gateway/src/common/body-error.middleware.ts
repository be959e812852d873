import { BadRequestException, HttpException, Injectable, NestMiddleware, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';

/** A body parser's failure, parked on the request until the request has its id. */
interface BodyParseError {
  type?: string;
  status?: number;
  limit?: number | string;
  max?: number;
  message?: string;
}
type ParkedRequest = Request & { bodyParseError?: BodyParseError };

/**
 * Registered right after the body parsers: takes their error (malformed JSON, a body over the
 * limit) off Express's error path, where no request id exists yet and other error-mode middleware
 * could answer it, and lets the request continue so BodyErrorMiddleware answers it in the one format.
 */
export const parkBodyParseError: ErrorRequestHandler = (error: BodyParseError, req, _res, next) => {
  (req as ParkedRequest).bodyParseError = error;
  (req as ParkedRequest).body = undefined;
  next();
};

/** Answers a parked body parser failure as 400/413/415 in the one error format. */
@Injectable()
export class BodyErrorMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const error = (req as ParkedRequest).bodyParseError;
    if (error) throw toHttpException(error);
    next();
  }
}

function toHttpException(error: BodyParseError): HttpException | DomainError {
  switch (error.type) {
    case 'entity.too.large':
      return new PayloadTooLargeException(`The request body is larger than the ${Math.round(Number(error.limit ?? 0) / 1024)} KB limit`);
    case 'entity.too.complex':
      return new DomainError(ErrorCode.VALIDATION_FAILED, error.message ?? 'The request body is too complex', { body: { limit: error.limit, max: error.max } });
    case 'entity.parse.failed':
      return new BadRequestException('The request body is not valid JSON');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeException('The request body uses an unsupported charset or encoding');
    default:
      return new HttpException('The request body could not be read', error.status && error.status < 500 ? error.status : 400);
  }
}
