import { newId } from '../crypto/random.js';
import type { SqlExecutor } from '../store/Store.js';
import { generateSecretKey, hashSecretKey } from './keys.js';

/** A secret key as returned once, at creation. */
export interface CreatedSecretKey {
  /** Id of the key row (`sk_…` rows are found by hash; the id is for revoking). */
  id: string;
  /** The key itself. Shown this once: only its SHA-256 is stored. */
  secretKey: string;
  /** The first characters of the key, stored for display. */
  prefix: string;
  /** When it was created (the database's clock). */
  createdAt: Date;
}

/**
 * Adds a secret key to a site (for rotation: create the new key, deploy it, then revoke the old one by
 * setting `revoked_at`). Pass `secretKey` to register a key you generated yourself.
 */
export async function createSecretKey(
  db: SqlExecutor,
  siteId: string,
  secretKey: string = generateSecretKey(),
): Promise<CreatedSecretKey> {
  const { keyHash, prefix } = await hashSecretKey(secretKey);
  const id = newId('skey');
  const { rows } = await db.query<{ created_at: Date }>(
    'INSERT INTO site_secret_keys (id, site_id, key_hash, prefix) VALUES ($1, $2, $3, $4) RETURNING created_at',
    [id, siteId, keyHash, prefix],
  );
  return { id, secretKey, prefix, createdAt: rows[0]!.created_at };
}
