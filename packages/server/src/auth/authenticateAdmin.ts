import type { Context } from 'hono';
import { constantTimeEqual } from '../crypto/constantTimeEqual.js';
import { fromHex, sha256, toHex } from '../crypto/sha256.js';
import { ApiError } from '../http/ApiError.js';
import type { AppEnv } from '../http/AppEnv.js';
import { SECRET_KEY_PREFIX } from '../sites/keys.js';
import { findSiteBySecretKeyHash, type SiteRecord } from '../sites/siteQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { readBearer } from './authenticateVisitor.js';

/** The outcome of admin authentication. */
export interface AdminAuth {
  site: SiteRecord;
  secretKeyId: string;
}

/**
 * Authenticates a server-to-server request by `Authorization: Bearer <secret key>`. Only the key's SHA-256
 * is stored: the presented key is hashed, looked up by hash, and the hashes compared in constant time.
 * The lookup reads the database on every request, with no cache in any process: a key revoked from the CLI or
 * the admin API is refused from the next request on, on every instance.
 */
export async function authenticateAdmin(c: Context<AppEnv>, db: SqlExecutor): Promise<AdminAuth> {
  const key = readBearer(c);
  if (key === null) throw new ApiError(401, 'unauthorized', 'Send a secret key as Authorization: Bearer <secret key>');
  if (key.startsWith('pk_')) {
    throw new ApiError(401, 'unauthorized', 'Publishable keys cannot be used on admin endpoints; use a secret key');
  }
  if (!key.startsWith(SECRET_KEY_PREFIX) || key.length > 200) {
    throw new ApiError(401, 'unauthorized', 'Invalid secret key');
  }
  const presented = await sha256(key);
  const found = await findSiteBySecretKeyHash(db, toHex(presented));
  const stored = found ? fromHex(found.keyHash) : null;
  if (!found || !stored || !constantTimeEqual(presented, stored)) {
    throw new ApiError(401, 'unauthorized', 'Unknown or revoked secret key');
  }
  return { site: found.site, secretKeyId: found.keyId };
}
