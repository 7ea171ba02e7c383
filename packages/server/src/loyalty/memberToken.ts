import { base64UrlEncode } from '../crypto/base64url.js';
import { constantTimeEqual } from '../crypto/constantTimeEqual.js';
import { importHmacKey } from '../tokens/hs256.js';

/** Lifetime of a member QR token. */
export const MEMBER_TOKEN_TTL_SECONDS = 300;

async function mac(secret: string, accountId: string, exp: number): Promise<string> {
  const key = await importHmacKey(secret, 'sign');
  // The `rapport:` prefix with colons can never be a JWT signing input, so the secret's uses stay apart.
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`rapport:member:${accountId}:${exp}`));
  return base64UrlEncode(new Uint8Array(signature));
}

/** A short-lived token naming a loyalty account (`m1.<account id>.<exp>.<hmac>`): what the member QR code holds. */
export async function signMemberToken(secret: string, accountId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const exp = Math.floor(now.getTime() / 1000) + MEMBER_TOKEN_TTL_SECONDS;
  return { token: `m1.${accountId}.${exp}.${await mac(secret, accountId, exp)}`, expiresAt: new Date(exp * 1000) };
}

/** The account id of a valid, unexpired member token, or `null`. */
export async function verifyMemberToken(secret: string, token: string, now: Date): Promise<string | null> {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'm1') return null;
  const [, accountId, expText, signature] = parts as [string, string, string, string];
  if (!/^la_[0-9A-Za-z]{22}$/.test(accountId) || !/^\d{1,12}$/.test(expText)) return null;
  const exp = Number(expText);
  const expected = new TextEncoder().encode(await mac(secret, accountId, exp));
  if (!constantTimeEqual(expected, new TextEncoder().encode(signature))) return null;
  return exp * 1000 > now.getTime() ? accountId : null;
}
