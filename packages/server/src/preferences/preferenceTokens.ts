import { base64UrlEncode } from '../crypto/base64url.js';
import { sha256Hex } from '../crypto/sha256.js';
import { importHmacKey } from '../tokens/hs256.js';

/** Days a double opt-in confirmation link stays valid. */
export const CONFIRMATION_TTL_DAYS = 7;

/**
 * An unguessable token for `purpose` and `id`: base64url HMAC-SHA256 under the site's server secret, which never
 * rotates, so a link emailed once works as long as its purpose does (an identity-secret rotation changes nothing
 * here). Only its SHA-256 is stored, and the server can derive it again (for the mailer) without ever storing it
 * in clear. The `rapport:` prefix with a colon can never be a JWT signing input, so the secret's uses stay apart.
 */
export async function derivePreferenceToken(secret: string, purpose: 'unsubscribe' | 'confirm', id: string): Promise<string> {
  const key = await importHmacKey(secret, 'sign');
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`rapport:${purpose}:${id}`));
  return base64UrlEncode(new Uint8Array(mac));
}

/** What the database stores (and looks up) for a token. */
export function hashPreferenceToken(token: string): Promise<string> {
  return sha256Hex(`rapport-token:${token}`);
}
