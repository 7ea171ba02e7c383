import { createHmac, timingSafeEqual } from 'node:crypto';
import { type VisitorTokenClaims } from '@rapport/core';
import { VisitorTokenClaimsSchema } from '@rapport/core/schemas';
import { base64UrlDecode, base64UrlDecodeText } from '../crypto/base64url.js';

/** Options of {@link verifyVisitorToken}. */
export interface VerifyVisitorTokenOptions {
  /** The compact JWT. Required. */
  token: string;
  /** The site's identity secret. Required. */
  secret: string;
  /** When given, a token carrying `aud` must carry exactly this site id. Default: none (no audience check). */
  siteId?: string;
  /** The current time. Default: `new Date()`. */
  now?: Date;
  /** Seconds of clock difference tolerated on `exp`, `nbf` and `iat`. Default: 30. */
  clockSkewSeconds?: number;
}

/** Why a token was refused. */
export type VisitorTokenFailure =
  | 'malformed'
  | 'unsupported_algorithm'
  | 'bad_signature'
  | 'invalid_claims'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience';

/** Result of {@link verifyVisitorToken}: the claims, or why the token was refused. */
export type VerifyVisitorTokenResult =
  | { ok: true; claims: VisitorTokenClaims }
  | { ok: false; reason: VisitorTokenFailure };

const MAX_TOKEN_LENGTH = 8192;

/** A JWT segment decoded as a JSON object, or `null` when it is not one. Verifies nothing. */
export function parseJsonObject(segment: string): Record<string, unknown> | null {
  const text = base64UrlDecodeText(segment);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a visitor token: HS256 only (the algorithm is pinned, whatever the header asks for), a valid
 * signature (constant-time HMAC verify), well-formed claims, an unexpired `exp`, and `aud` = `siteId`
 * when both are present.
 */
export async function verifyVisitorToken(options: VerifyVisitorTokenOptions): Promise<VerifyVisitorTokenResult> {
  const { token } = options;
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const header = parseJsonObject(headerPart);
  if (!header) return { ok: false, reason: 'malformed' };
  if (header.alg !== 'HS256') return { ok: false, reason: 'unsupported_algorithm' };
  if (header.typ !== undefined && (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT')) {
    return { ok: false, reason: 'malformed' };
  }
  // Critical extensions we do not understand must make the token invalid (RFC 7515 §4.1.11).
  if (header.crit !== undefined) return { ok: false, reason: 'malformed' };

  const signature = base64UrlDecode(signaturePart);
  if (!signature || signature.length !== 32) return { ok: false, reason: 'bad_signature' };
  if (typeof options.secret !== 'string' || options.secret.length === 0) {
    throw new TypeError('The identity secret must be a non-empty string');
  }
  // node:crypto's HMAC, synchronous: WebCrypto's verify is a job on the thread pool and a promise per token, about
  // a tenth of a bootstrap's CPU; the comparison stays constant-time.
  const expected = createHmac('sha256', options.secret).update(`${headerPart}.${payloadPart}`).digest();
  if (!timingSafeEqual(expected, signature)) return { ok: false, reason: 'bad_signature' };

  const payload = parseJsonObject(payloadPart);
  if (!payload) return { ok: false, reason: 'malformed' };
  const parsed = VisitorTokenClaimsSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'invalid_claims' };
  const claims = parsed.data;

  const skew = options.clockSkewSeconds ?? 30;
  const nowSeconds = (options.now ?? new Date()).getTime() / 1000;
  if (claims.exp + skew <= nowSeconds) return { ok: false, reason: 'expired' };
  const nbf = payload.nbf;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf - skew > nowSeconds)) {
    return { ok: false, reason: 'not_yet_valid' };
  }
  if (claims.iat !== undefined && claims.iat - skew > nowSeconds) return { ok: false, reason: 'not_yet_valid' };
  if (claims.aud !== undefined && options.siteId !== undefined && claims.aud !== options.siteId) {
    return { ok: false, reason: 'wrong_audience' };
  }
  return { ok: true, claims };
}
