import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '@mediq/contracts';
import type { ErrorBody } from '../common/http-exception.filter';

/** The one error body every route answers with (HttpExceptionFilter). */
export class ErrorResponseDto implements ErrorBody {
  @ApiProperty({ example: 400, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({
    enum: ErrorCode,
    enumName: 'ErrorCode',
    example: ErrorCode.VALIDATION_FAILED,
    description: 'What went wrong, for a program: clients branch on it and show their own text for it in the person\'s language',
  })
  code!: ErrorCode;

  @ApiProperty({ example: 'institutionId must be a UUID', description: 'One English sentence for developers (screens show the text of `code` instead)' })
  message!: string;

  @ApiPropertyOptional({ example: '0f6a4c2e-3b7d-4d8e-9a51-2c1e7b9d4f10', description: 'The x-request-id of the request, to quote to support' })
  requestId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { service: 'ocr' }, description: 'Structured detail safe to show (field names, the unavailable service, retryAfterSeconds); validation failures list every field\'s sentence in `errors`' })
  details?: Record<string, unknown>;
}
