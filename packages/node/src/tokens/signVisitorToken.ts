import type { VisitorTokenClaims } from '@rapport/core';
import { signHs256 } from './signHs256.js';

/** Options of {@link signVisitorToken}. */
export interface SignVisitorTokenOptions {
  /** The site's identity secret. Required. Keep it on your server; never ship it to a browser. */
  secret: string;
  /** Your own id for the signed-in user (becomes `sub`). Required. */
  externalId: string;
  /** Lifetime of the token in seconds. Default: 3600 (one hour). */
  expiresInSeconds?: number;
  /** The user's display name, recorded as the contact's `name` trait. Default: none. */
  name?: string;
  /** The user's email address, recorded as the contact's `email` trait. Default: none. */
  email?: string;
  /** The Rapport site id (becomes `aud`), so the token works for that site only. Default: none (any site sharing the secret). */
  siteId?: string;
  /** The time the token is issued at. Default: `new Date()`. */
  now?: Date;
}

/**
 * Signs a visitor token on the business's server: an HS256 JWT over the site's identity secret that tells
 * the Rapport server who the visitor is. Hand it to the browser for the signed-in user only.
 */
export async function signVisitorToken(options: SignVisitorTokenOptions): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresIn = options.expiresInSeconds ?? 3600;
  if (!Number.isInteger(expiresIn) || expiresIn <= 0) {
    throw new RangeError('expiresInSeconds must be a positive whole number');
  }
  if (typeof options.externalId !== 'string' || options.externalId.length === 0) {
    throw new TypeError('externalId must be a non-empty string');
  }
  const claims: VisitorTokenClaims = { sub: options.externalId, iat, exp: iat + expiresIn };
  if (options.siteId !== undefined) claims.aud = options.siteId;
  if (options.name !== undefined) claims.name = options.name;
  if (options.email !== undefined) claims.email = options.email;
  return signHs256(claims, options.secret);
}
