import { base64UrlEncode } from './base64url.js';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Random base64url text carrying `byteLength` random bytes. */
export function randomBase64Url(byteLength: number): string {
  return base64UrlEncode(randomBytes(byteLength));
}

/**
 * Random bytes drawn 4 kB at a time from the system's generator and handed out once each, as Node's `randomUUID`
 * does: one call into the generator per ~180 ids instead of one per id (ids are made on every request).
 */
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

function nextRandomByte(): number {
  if (poolOffset === POOL_SIZE) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const byte = pool[poolOffset]!;
  pool[poolOffset] = 0;
  poolOffset += 1;
  return byte;
}

/** `length` random characters from `[0-9A-Za-z]`, unbiased (rejection sampling). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = nextRandomByte();
    // 248 = 4 × 62: bytes at or above it would favour the first characters.
    if (byte < 248) out += ALPHANUMERIC[byte % 62];
  }
  return out;
}

/** A prefixed random id such as `ct_4f9XkQ2…` (22 characters ≈ 131 bits after the prefix). */
export function newId(prefix: string): string {
  return `${prefix}_${randomAlphanumeric(22)}`;
}
