import type { SqlExecutor } from '../store/Store.js';
import { hashSecretKey, SECRET_KEY_PREFIX } from './keys.js';
import { SiteAdminError } from './SiteAdminError.js';

/** A secret key as stored: its id and first characters, never the key (only its SHA-256 is kept). */
export interface SecretKeyRecord {
  id: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

interface SecretKeyRow {
  id: string;
  prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, prefix, created_at, revoked_at';

function toRecord(row: SecretKeyRow): SecretKeyRecord {
  return { id: row.id, prefix: row.prefix, createdAt: row.created_at, revokedAt: row.revoked_at };
}

/** The site's secret keys, oldest first, revoked ones included. */
export async function listSecretKeys(db: SqlExecutor, siteId: string): Promise<SecretKeyRecord[]> {
  const { rows } = await db.query<SecretKeyRow>(`SELECT ${COLUMNS} FROM site_secret_keys WHERE site_id = $1 ORDER BY created_at, id`, [siteId]);
  return rows.map(toRecord);
}

/**
 * Revokes one of the site's secret keys, named by its id (`skey_…`) or by the key itself (`sk_live_…`, looked up
 * by hash). Admin requests look the key up in the database on every request, with no cache, so it is refused
 * from the next request on, on every instance. Refuses (`last_secret_key`) to revoke the site's last unrevoked
 * key, which would lock the business out of its admin API: create the next key first. Run it in a transaction.
 */
export async function revokeSecretKey(
  tx: SqlExecutor,
  input: { siteId: string; key: string; now: Date },
): Promise<SecretKeyRecord> {
  // The site's row serialises revocations, so two of them cannot each leave the other key as the "last" one.
  await tx.query('SELECT 1 FROM sites WHERE id = $1 FOR UPDATE', [input.siteId]);
  const hashed = input.key.startsWith(SECRET_KEY_PREFIX) ? await hashSecretKey(input.key) : null;
  const { rows } = await tx.query<SecretKeyRow>(
    `SELECT ${COLUMNS} FROM site_secret_keys WHERE site_id = $1 AND ${hashed ? 'key_hash' : 'id'} = $2`,
    [input.siteId, hashed ? hashed.keyHash : input.key],
  );
  const found = rows[0];
  if (!found) {
    const shown = hashed ? `${hashed.prefix}…` : input.key.slice(0, 40);
    throw new SiteAdminError('key_not_found', `The site has no secret key ${shown}`);
  }
  if (found.revoked_at !== null) return toRecord(found);
  const others = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM site_secret_keys WHERE site_id = $1 AND revoked_at IS NULL AND id <> $2',
    [input.siteId, found.id],
  );
  if ((others.rows[0]?.n ?? 0) === 0) {
    throw new SiteAdminError('last_secret_key', `${found.prefix}… is the site's last secret key: create another one first, then revoke this one`);
  }
  const updated = await tx.query<SecretKeyRow>(`UPDATE site_secret_keys SET revoked_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [
    found.id,
    input.now,
  ]);
  return toRecord(updated.rows[0]!);
}
