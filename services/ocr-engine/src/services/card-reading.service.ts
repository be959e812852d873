import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { ErrorCode, MAX_IMAGE_BYTES, OcrResult, ProcessImageRequest } from '@mediq/contracts';
import { OcrEngine, OcrError, OcrErrorCode } from '../engine';

/** The largest image is at most this much base64 (4/3 of it, rounded up). */
const MAX_BASE64_LENGTH = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const ERROR_CODES: Record<OcrErrorCode, ErrorCode> = {
  UNSUPPORTED_MEDIA_TYPE: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  IMAGE_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  IMAGE_TOO_SMALL: ErrorCode.UNPROCESSABLE,
  IMAGE_CORRUPT: ErrorCode.UNPROCESSABLE,
  NO_CARD_FOUND: ErrorCode.UNPROCESSABLE,
  MODEL_UNAVAILABLE: ErrorCode.SERVICE_UNAVAILABLE,
};

/** Reads card photos with the in-process ONNX engine and turns its failures into typed errors. */
@Injectable()
export class CardReadingService implements OnApplicationShutdown {
  constructor(private readonly engine: OcrEngine) {}

  async read(request: ProcessImageRequest): Promise<OcrResult> {
    const bytes = decodeImage(request?.imageBase64);
    try {
      return await this.engine.process(bytes);
    } catch (error) {
      if (error instanceof OcrError) throw new DomainError(ERROR_CODES[error.code], error.message, { reason: error.code });
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.release();
  }
}

function decodeImage(imageBase64: unknown): Buffer {
  if (typeof imageBase64 !== 'string' || imageBase64.length === 0) {
    throw DomainError.validation('An image is required', { image: 'is required' });
  }
  if (imageBase64.length > MAX_BASE64_LENGTH) {
    throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, 'The image is larger than 10 MB', { reason: 'IMAGE_TOO_LARGE' });
  }
  if (!BASE64.test(imageBase64)) throw DomainError.validation('The image must be base64-encoded', { image: 'is not base64' });
  return Buffer.from(imageBase64, 'base64');
}
