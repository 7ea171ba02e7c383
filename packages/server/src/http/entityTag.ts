import { base64UrlEncode } from '../crypto/base64url.js';
import { sha256 } from '../crypto/sha256.js';

/** A strong entity tag of a serialized body (quotes included): 128 bits of its SHA-256, base64url. */
export async function entityTagOf(json: string): Promise<string> {
  return `"${base64UrlEncode((await sha256(json)).subarray(0, 16))}"`;
}

/**
 * Whether an `If-None-Match` header names `etag` (RFC 9110 §13.1.2: `*`, or a list compared weakly, so `W/"x"`
 * matches `"x"`). A malformed header matches nothing: the full answer is sent.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = header.trim();
  if (value === '*') return true;
  for (const part of value.split(',')) {
    const tag = part.trim().replace(/^W\//, '');
    if (tag === etag) return true;
  }
  return false;
}
