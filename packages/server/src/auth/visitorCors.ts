import { ANONYMOUS_TOKEN_HEADER, RAPPORT_HEADERS } from '@rapport/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/AppEnv.js';

/** Request headers a browser may send to visitor endpoints. */
export const CORS_ALLOW_HEADERS = [
  'content-type',
  'authorization',
  RAPPORT_HEADERS.publishableKey,
  RAPPORT_HEADERS.idempotencyKey,
  ANONYMOUS_TOKEN_HEADER,
  'if-none-match',
].join(', ');

/** Response headers a browser script may read. */
export const CORS_EXPOSE_HEADERS = [RAPPORT_HEADERS.requestId, 'retry-after', 'idempotent-replayed', 'etag'].join(', ');

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Lets `origin` read this response: one that passed the key's allowlist, or a refusal (an error envelope,
 * which carries no data). Credentials are never allowed.
 */
export function applyCorsHeaders(c: Context<AppEnv>, origin: string): void {
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
}

/**
 * Answers CORS preflights (OPTIONS) on visitor endpoints, for any Origin. Visitor requests cannot be simple
 * requests (they send the publishable key in a header, JSON, and often a bearer token), and a preflight
 * carries none of those headers, so there is no allowlist to check it against. It lets the browser send the
 * real request, which is checked there and, when refused, answered with a CORS-readable error envelope
 * (`origin_not_allowed`, `unknown_publishable_key`). A preflight grants no data and never credentials: no
 * `Access-Control-Allow-Credentials`, so cookies never ride along.
 */
export function visitorPreflight(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'OPTIONS') return next();
    const origin = c.req.header('origin');
    c.header('Vary', 'Origin', { append: true });
    if (origin !== undefined) c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Allow-Methods', CORS_METHODS);
    c.header('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
    c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
    return c.body(null, 204);
  };
}
