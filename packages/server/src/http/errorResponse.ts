import type { ErrorEnvelope, ServerErrorCode, ValidationIssue } from '@rapport/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RapportLogger } from '../logger.js';
import { ApiError } from './ApiError.js';
import type { AppEnv } from './AppEnv.js';

/** Answers with the one error envelope: `{ error: { code, message, issues?, requestId } }`. */
export function errorResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: ServerErrorCode,
  message: string,
  options: { issues?: ValidationIssue[]; headers?: Record<string, string> } = {},
): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  const envelope: ErrorEnvelope = {
    error: { code, message, ...(options.issues ? { issues: options.issues } : {}), requestId },
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) c.header(name, value);
  c.header('Cache-Control', 'no-store');
  return c.json(envelope, status);
}

const CODE_BY_STATUS: Partial<Record<number, ServerErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
};

/**
 * The app's `onError`: an {@link ApiError} goes out as it is; a Hono `HTTPException` below 500 keeps its
 * status with a generic code; anything else is logged and answered with a bare 500 `internal`, so no
 * internals (SQL, stack traces) leak.
 */
export function handleError(error: unknown, c: Context<AppEnv>, logger: RapportLogger): Response {
  if (error instanceof ApiError) {
    return errorResponse(c, error.status, error.code, error.message, error.options);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code = CODE_BY_STATUS[error.status] ?? 'bad_request';
    return errorResponse(c, error.status, code, error.message || 'The request could not be processed');
  }
  logger.error('Unhandled error', {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    error: error instanceof Error ? error : new Error(String(error)),
  });
  return errorResponse(c, 500, 'internal', 'Something went wrong on our side; try again later');
}
