/** Stable error codes; the service wrapper maps the `clientError` ones to 4xx replies. */
export type OcrErrorCode =
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_TOO_SMALL'
  | 'IMAGE_CORRUPT'
  | 'NO_CARD_FOUND'
  | 'MODEL_UNAVAILABLE';

const CLIENT_ERRORS: ReadonlySet<OcrErrorCode> = new Set<OcrErrorCode>([
  'UNSUPPORTED_MEDIA_TYPE',
  'IMAGE_TOO_LARGE',
  'IMAGE_TOO_SMALL',
  'IMAGE_CORRUPT',
  'NO_CARD_FOUND',
]);

/** Suggested HTTP status per code, for the wrapper. */
export const OCR_ERROR_HTTP_STATUS: Readonly<Record<OcrErrorCode, number>> = {
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMAGE_TOO_LARGE: 413,
  IMAGE_TOO_SMALL: 422,
  IMAGE_CORRUPT: 422,
  NO_CARD_FOUND: 422,
  MODEL_UNAVAILABLE: 503,
};

export class OcrError extends Error {
  override readonly name = 'OcrError';

  constructor(
    readonly code: OcrErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True when the request itself was at fault (bad or unreadable image, no card in it). */
  get clientError(): boolean {
    return CLIENT_ERRORS.has(this.code);
  }

  get httpStatus(): number {
    return OCR_ERROR_HTTP_STATUS[this.code];
  }
}
