import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './ApiError.js';
import type { AppEnv } from './AppEnv.js';

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes`);
}

/**
 * Refuses bodies over `maxBytes` with 413: at once from `Content-Length`, and while streaming for bodies
 * sent without one (chunked), so an oversized body is never buffered whole. `GET` and `HEAD` pass straight on:
 * a web `Request` of either has no body to read, and wrapping it would build a whole `Request` on Node for every
 * read, about a tenth of a cached bootstrap's CPU.
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
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return streamingLimit(c, next);
  };
}
