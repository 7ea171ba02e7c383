import { base64UrlEncode } from '../internal/base64.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Signs `claims` as a compact HS256 JWT with WebCrypto (Node 20+, Deno, Bun, edge runtimes). The key is the secret's
 * UTF-8 bytes, as JWT libraries do with a string secret, so the Rapport server verifies it with the same secret.
 */
export async function signHs256(claims: Record<string, unknown>, secret: string): Promise<string> {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new TypeError('The identity secret must be a non-empty string');
  }
  const header = base64UrlEncode(utf8(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const payload = base64UrlEncode(utf8(JSON.stringify(claims)));
  const signingInput = `${header}.${payload}`;
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign('HMAC', key, utf8(signingInput));
  return `${signingInput}.${base64UrlEncode(new Uint8Array(signature))}`;
}
