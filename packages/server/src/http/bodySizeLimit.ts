import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './ApiError.js';
import type { AppEnv } from './AppEnv.js';

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes`);
}

/**
 * Refuses bodies over `maxBytes` with 413: at once from `Content-Length`, and while streaming for bodies
 * sent without one (chunked), so an oversized body is never buffered whole.
 */
export function bodySizeLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const streamingLimit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined) {
      if (!/^\s*\d+\s*$/.test(declared)) throw new ApiError(400, 'bad_request', 'Invalid Content-Length header');
      if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
    }
    return streamingLimit(c, next);
  };
}
