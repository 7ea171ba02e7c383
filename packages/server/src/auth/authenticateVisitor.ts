import { RAPPORT_HEADERS } from '@rapport/core';
import type { Context } from 'hono';
import { ApiError } from '../http/ApiError.js';
import type { AppEnv } from '../http/AppEnv.js';
import type { VisitorReads } from '../http/createVisitorReads.js';
import type { SiteRecord } from '../sites/siteQueries.js';
import { verifySiteToken } from '../tokens/verifySiteToken.js';
import type { VisitorTokenFailure } from '../tokens/verifyVisitorToken.js';
import { applyCorsHeaders } from './visitorCors.js';
import { isOriginAllowed } from './isOriginAllowed.js';
import { originNotAllowed, unknownPublishableKey } from './visitorRefusals.js';
import type { VisitorIdentity } from './VisitorIdentity.js';

const TOKEN_MESSAGES: Record<VisitorTokenFailure, string> = {
  malformed: 'The visitor token is malformed',
  unsupported_algorithm: 'The visitor token must be signed with HS256',
  bad_signature: 'The visitor token signature does not match this site',
  invalid_claims: 'The visitor token claims are not valid',
  expired: 'The visitor token has expired',
  not_yet_valid: 'The visitor token is not valid yet',
  wrong_audience: 'The visitor token is for another site',
};

/** Reads `Authorization: Bearer <token>`; `null` when absent, 401 when present but not a bearer token. */
export function readBearer(c: Context<AppEnv>): string | null {
  const header = c.req.header('authorization');
  if (header === undefined) return null;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  if (!match?.[1]) throw new ApiError(401, 'unauthorized', 'Send credentials as Authorization: Bearer <token>');
  return match[1];
}

/**
 * Verifies a visitor token for `site` (see `verifySiteToken`: the previous identity secret during its grace
 * period, the server secret for anonymous tokens); anonymous tokens must carry the site's id as `aud`.
 */
export async function resolveVisitorToken(
  token: string,
  site: SiteRecord,
  now: Date,
): Promise<{ ok: true; visitor: VisitorIdentity } | { ok: false; message: string }> {
  const result = await verifySiteToken({ token, site, now });
  if (!result.ok) return { ok: false, message: TOKEN_MESSAGES[result.reason] };
  const { claims } = result;
  if (claims.anon === true) {
    if (claims.aud !== site.id) return { ok: false, message: TOKEN_MESSAGES.wrong_audience };
    return { ok: true, visitor: { kind: 'anonymous', subject: claims.sub, claims } };
  }
  return { ok: true, visitor: { kind: 'known', subject: claims.sub, claims } };
}

/** The outcome of visitor authentication. */
export interface VisitorAuth {
  site: SiteRecord;
  publishableKey: string;
  visitor: VisitorIdentity | null;
}

/**
 * Authenticates a browser request: a known, unrevoked publishable key; an allowed Origin (when one is sent);
 * and, when an Authorization header is sent, a valid visitor token — a bad token is a 401, never a fallback to
 * anonymous.
 *
 * A request with an Origin gets the CORS headers before any check, so the page can read every refusal
 * (`origin_not_allowed`, `unknown_publishable_key`, a bad token) instead of a bare CORS failure that looks
 * like a network error. That grants nothing: a refusal is an error envelope without data, the only way past
 * this function is through the allowlist, and no response ever allows credentials.
 */
export async function authenticateVisitor(
  c: Context<AppEnv>,
  reads: VisitorReads,
  now: Date,
  tokenMode: 'required' | 'optional',
): Promise<VisitorAuth> {
  c.header('Vary', 'Origin', { append: true });
  const origin = c.req.header('origin');
  if (origin !== undefined) applyCorsHeaders(c, origin);
  const key = c.req.header(RAPPORT_HEADERS.publishableKey)?.trim();
  if (!key) throw new ApiError(401, 'unauthorized', `Send the site's publishable key in ${RAPPORT_HEADERS.publishableKey}`);
  if (key.startsWith('sk_')) {
    throw new ApiError(401, 'unauthorized', 'Secret keys are not accepted from browsers; use the publishable key');
  }
  const found = key.length <= 200 ? await reads.siteOfKey(key) : null;
  if (!found) throw unknownPublishableKey(key);
  if (origin !== undefined && !isOriginAllowed(origin, found.allowedOrigins)) {
    throw originNotAllowed(origin, found.site.slug);
  }

  const token = readBearer(c);
  if (token === null) {
    if (tokenMode === 'required') throw new ApiError(401, 'unauthorized', 'This endpoint needs a visitor token');
    return { site: found.site, publishableKey: key, visitor: null };
  }
  if (token.startsWith('sk_') || token.startsWith('pk_')) {
    throw new ApiError(401, 'unauthorized', 'Keys are not visitor tokens; send a visitor token as the bearer');
  }
  const resolved = await resolveVisitorToken(token, found.site, now);
  if (!resolved.ok) throw new ApiError(401, 'unauthorized', resolved.message);
  return { site: found.site, publishableKey: key, visitor: resolved.visitor };
}
