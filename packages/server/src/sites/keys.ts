import { randomBase64Url } from '../crypto/random.js';
import { sha256Hex } from '../crypto/sha256.js';

/** Prefix of publishable keys (browser, public). */
export const PUBLISHABLE_KEY_PREFIX = 'pk_live_';
/** Prefix of secret keys (business server, console). */
export const SECRET_KEY_PREFIX = 'sk_live_';

/** A new publishable key: `pk_live_` + 24 random bytes. */
export function generatePublishableKey(): string {
  return PUBLISHABLE_KEY_PREFIX + randomBase64Url(24);
}

/** A new secret key: `sk_live_` + 32 random bytes. */
export function generateSecretKey(): string {
  return SECRET_KEY_PREFIX + randomBase64Url(32);
}

/** A new identity secret for signing visitor tokens: 32 random bytes, base64url. */
export function generateIdentitySecret(): string {
  return randomBase64Url(32);
}

/** What is stored for a secret key: its SHA-256 (hex) and a short prefix to recognise it by. */
export async function hashSecretKey(secretKey: string): Promise<{ keyHash: string; prefix: string }> {
  return { keyHash: await sha256Hex(secretKey), prefix: secretKey.slice(0, SECRET_KEY_PREFIX.length + 4) };
}
