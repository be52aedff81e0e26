import { HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  readonly path: string;
  readonly reason: string;
}

/** The only error body the API sends: `{ error, message, details? }`. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly details?: readonly ErrorDetail[];
  readonly rule?: string;
}

/** An error that already knows its HTTP answer; the exception filter sends it as is. */
export class ApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }

  static validation(details: readonly ErrorDetail[]): ApiError {
    const fields = details.map((detail) => detail.path).join(', ');
    return new ApiError(HttpStatus.BAD_REQUEST, { error: 'validation_failed', message: `Invalid request: ${fields}`, details });
  }
}
