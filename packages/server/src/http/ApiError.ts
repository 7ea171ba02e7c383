import type { ServerErrorCode, ValidationIssue } from '@rapport/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Extra parts of an {@link ApiError}. */
export interface ApiErrorOptions {
  /** Field-level problems, for `validation_failed`. */
  issues?: ValidationIssue[];
  /** Headers to send with the error, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/** An error the server answers with on purpose: its status, code and message reach the client as they are. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ServerErrorCode,
    message: string,
    readonly options: ApiErrorOptions = {},
  ) {
    super(message);
  }
}

/** 422 `validation_failed` with the given issues. */
export function validationFailed(issues: ValidationIssue[], message = 'The request is not valid'): ApiError {
  return new ApiError(422, 'validation_failed', message, { issues });
}
