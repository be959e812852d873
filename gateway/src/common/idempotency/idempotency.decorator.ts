import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IDEMPOTENT_ROUTE } from './idempotency.constants';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * The route honours an Idempotency-Key header: the first request with a key runs, its answer
 * (status and body) is stored, and every later request with the same key and body gets that answer
 * again (marked `Idempotent-Replayed: true`) without running twice. The interceptor runs on these
 * routes only: a Nest interceptor costs every request it wraps an AsyncResource and two rxjs pipes.
 */
export const Idempotent = () =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_ROUTE, true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Any 8-128 letters, digits, dots, colons, dashes or underscores (a UUID is ideal). Retrying with the same key and body returns the stored answer.',
      example: '0b5c4c55-7f5e-4bde-9f0a-3c3f3e8f1d21',
    }),
    ApiConflictResponse({ description: 'A request with the same Idempotency-Key is still being processed' }),
    ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was already used with a different request body' }),
  );
