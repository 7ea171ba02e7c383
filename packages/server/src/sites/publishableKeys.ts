import type { SqlExecutor } from '../store/Store.js';
import { generatePublishableKey } from './keys.js';
import { normalizeOrigin } from './normalizeOrigin.js';
import { SiteAdminError } from './SiteAdminError.js';

/** Most origins one publishable key may allow. */
export const MAX_ORIGINS_PER_KEY = 50;

/** A publishable key as stored. */
export interface PublishableKeyRecord {
  key: string;
  allowedOrigins: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

interface KeyRow {
  key: string;
  allowed_origins: string[];
  created_at: Date;
  revoked_at: Date | null;
}

const KEY_COLUMNS = 'key, allowed_origins, created_at, revoked_at';

function toRecord(row: KeyRow): PublishableKeyRecord {
  return { key: row.key, allowedOrigins: row.allowed_origins, createdAt: row.created_at, revokedAt: row.revoked_at };
}

function checkCount(origins: readonly string[]): void {
  if (origins.length > MAX_ORIGINS_PER_KEY) {
    throw new SiteAdminError('invalid_origin', `A publishable key allows at most ${MAX_ORIGINS_PER_KEY} origins`);
  }
}

/** The site's publishable keys, oldest first, revoked ones included. */
export async function listPublishableKeys(db: SqlExecutor, siteId: string): Promise<PublishableKeyRecord[]> {
  const { rows } = await db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM site_publishable_keys WHERE site_id = $1 ORDER BY created_at, key`, [siteId]);
  return rows.map(toRecord);
}

/**
 * Adds a publishable key to the site, allowing `origins` (normalised; `invalid_origin` otherwise) or, when none
 * are given, the origins the site's unrevoked keys allow: the key to move to before revoking an old one.
 */
export async function createPublishableKey(
  db: SqlExecutor,
  input: { siteId: string; origins?: readonly string[]; now: Date },
): Promise<PublishableKeyRecord> {
  let origins: string[];
  if (input.origins === undefined) {
    const active = (await listPublishableKeys(db, input.siteId)).filter((k) => k.revokedAt === null);
    origins = [...new Set(active.flatMap((k) => k.allowedOrigins))];
  } else {
    origins = [...new Set(input.origins.map(normalizeOrigin))];
  }
  checkCount(origins);
  const { rows } = await db.query<KeyRow>(
    `INSERT INTO site_publishable_keys (key, site_id, allowed_origins, created_at) VALUES ($1, $2, $3::text[], $4) RETURNING ${KEY_COLUMNS}`,
    [generatePublishableKey(), input.siteId, origins, input.now],
  );
  return toRecord(rows[0]!);
}

/** Revokes one of the site's publishable keys (`key_not_found` otherwise); it is refused from the next request on. */
export async function revokePublishableKey(
  db: SqlExecutor,
  input: { siteId: string; key: string; now: Date },
): Promise<PublishableKeyRecord> {
  const { rows } = await db.query<KeyRow>(
    `UPDATE site_publishable_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE site_id = $1 AND key = $2 RETURNING ${KEY_COLUMNS}`,
    [input.siteId, input.key, input.now],
  );
  if (!rows[0]) throw new SiteAdminError('key_not_found', `The site has no publishable key ${input.key.slice(0, 40)}`);
  return toRecord(rows[0]);
}

/** What {@link changeOrigins} changes. */
export interface OriginChange {
  siteId: string;
  /** The publishable key to change. Default: every unrevoked publishable key of the site. */
  key?: string;
  /** Origins to allow (normalised; `invalid_origin` otherwise). Default: none. */
  add?: readonly string[];
  /** Origins to stop allowing (compared case-insensitively). Default: none. */
  remove?: readonly string[];
}

/**
 * Adds and removes allowed origins of one publishable key, or of every unrevoked key of the site, in place (the
 * order of what stays is kept). Returns the keys as they are now; `key_not_found` when there is no such key.
 */
export async function changeOrigins(db: SqlExecutor, change: OriginChange): Promise<PublishableKeyRecord[]> {
  const add = [...new Set((change.add ?? []).map(normalizeOrigin))];
  const remove = (change.remove ?? []).map((origin) => origin.trim().toLowerCase().replace(/\/$/, ''));
  const { rows } = await db.query<KeyRow>(
    `UPDATE site_publishable_keys k SET allowed_origins =
       ARRAY(SELECT o FROM unnest(k.allowed_origins) WITH ORDINALITY AS t (o, i) WHERE NOT (lower(o) = ANY ($3::text[])) ORDER BY i)
       || ARRAY(SELECT o FROM unnest($4::text[]) WITH ORDINALITY AS t (o, i)
                WHERE NOT (o = ANY (k.allowed_origins)) AND NOT (lower(o) = ANY ($3::text[])) ORDER BY i)
     WHERE k.site_id = $1 AND (k.key = $2 OR ($2::text IS NULL AND k.revoked_at IS NULL))
     RETURNING ${KEY_COLUMNS}`,
    [change.siteId, change.key ?? null, remove, add],
  );
  if (rows.length === 0) {
    throw new SiteAdminError(
      'key_not_found',
      change.key === undefined
        ? 'The site has no unrevoked publishable key: create one with `key create --type publishable`'
        : `The site has no publishable key ${change.key.slice(0, 40)}`,
    );
  }
  const keys = rows.map(toRecord).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.key.localeCompare(b.key));
  for (const key of keys) checkCount(key.allowedOrigins);
  return keys;
}
