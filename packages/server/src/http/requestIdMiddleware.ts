import { RAPPORT_HEADERS } from '@rapport/core';
import type { MiddlewareHandler } from 'hono';
import { randomAlphanumeric } from '../crypto/random.js';
import type { AppEnv } from './AppEnv.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Gives every request an id, sent back in `x-request-id` and in error envelopes. A well-formed incoming
 * `x-request-id` (from a proxy or the client) is kept so one id follows the request end to end.
 */
export function requestIdMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header(RAPPORT_HEADERS.requestId);
    const id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : `req_${randomAlphanumeric(20)}`;
    c.set('requestId', id);
    c.header(RAPPORT_HEADERS.requestId, id);
    await next();
  };
}
