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
].join(', ');

/** Response headers a browser script may read. */
export const CORS_EXPOSE_HEADERS = [RAPPORT_HEADERS.requestId, 'retry-after', 'idempotent-replayed'].join(', ');

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** Lets `origin` (already checked against the key's allowlist) read this response. */
export function applyCorsHeaders(c: Context<AppEnv>, origin: string): void {
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
}

/**
 * Answers CORS preflights (OPTIONS) on visitor endpoints. A preflight carries no key, so it cannot be
 * checked against an allowlist; it echoes the Origin and the real request is checked when it comes.
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
