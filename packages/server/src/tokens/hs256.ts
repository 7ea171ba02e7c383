import { base64UrlEncode, base64UrlEncodeText } from '../crypto/base64url.js';

/** Imports a site's identity secret (its UTF-8 bytes, as JWT libraries do with a string secret). */
export function importHmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new TypeError('The identity secret must be a non-empty string');
  }
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ]);
}

/** Signs `claims` as a compact HS256 JWT. */
export async function signHs256(claims: Record<string, unknown>, secret: string): Promise<string> {
  const header = base64UrlEncodeText(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64UrlEncodeText(JSON.stringify(claims));
  const signingInput = `${header}.${payload}`;
  const key = await importHmacKey(secret, 'sign');
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64UrlEncode(new Uint8Array(signature))}`;
}
