import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from '../common/http-exception.filter';

/** The one error body every route answers with (HttpExceptionFilter). */
export class ErrorResponseDto implements ErrorBody {
  @ApiProperty({ example: 400, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'The status text' })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['institutionId must be a UUID'],
    description: 'What went wrong, for a person; validation failures list one message per field',
  })
  message!: string | string[];

  @ApiPropertyOptional({ example: '0f6a4c2e-3b7d-4d8e-9a51-2c1e7b9d4f10', description: 'The x-request-id of the request, to quote to support' })
  requestId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { service: 'ocr' }, description: 'Structured detail safe to show (field names, the unavailable service)' })
  details?: Record<string, unknown>;
}
