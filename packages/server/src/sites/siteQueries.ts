import { WIDGET_NAMES, type PublicSite, type WidgetName } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';

/** An identity secret replaced by a rotation, still accepted on visitor tokens until `validUntil`. */
export interface PreviousIdentitySecret {
  secret: string;
  validUntil: Date;
}

/** A site as the server holds it (includes its secrets; never send it to a browser). */
export interface SiteRecord {
  id: string;
  slug: string;
  name: string;
  defaultLocale: string;
  enabledWidgets: WidgetName[];
  /** Signs the business's visitor tokens; the business holds it too, and may rotate it. */
  identitySecret: string;
  /** The identity secret before the last rotation, while its grace period lasts; else `null`. */
  previousIdentitySecret: PreviousIdentitySecret | null;
  /**
   * Keys what the server issues itself (anonymous visitor tokens, unsubscribe and confirmation links). Never
   * leaves the server and never rotates, so those stay valid across identity-secret rotations.
   */
  serverSecret: string;
  createdAt: Date;
}

/** A `sites` row as queried. */
export interface SiteRow {
  id: string;
  slug: string;
  name: string;
  default_locale: string;
  enabled_widgets: string[];
  identity_secret: string;
  created_at: Date;
  /** Absent on a database before migration 0011 (a migration test's `RETURNING *`). */
  server_secret?: string;
  previous_identity_secret?: string | null;
  previous_identity_secret_until?: Date | null;
}

const SITE_COLUMNS =
  's.id, s.slug, s.name, s.default_locale, s.enabled_widgets, s.identity_secret, s.created_at, ' +
  's.server_secret, s.previous_identity_secret, s.previous_identity_secret_until';

function isWidgetName(value: string): value is WidgetName {
  return (WIDGET_NAMES as readonly string[]).includes(value);
}

/** The server-side record of a `sites` row. */
export function toSiteRecord(row: SiteRow): SiteRecord {
  const previous = row.previous_identity_secret;
  const until = row.previous_identity_secret_until;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultLocale: row.default_locale,
    enabledWidgets: row.enabled_widgets.filter(isWidgetName),
    identitySecret: row.identity_secret,
    previousIdentitySecret: previous && until ? { secret: previous, validUntil: until } : null,
    // Before migration 0011 the identity secret keyed everything; 0011 starts the server secret as it.
    serverSecret: row.server_secret ?? row.identity_secret,
    createdAt: row.created_at,
  };
}

/** The browser-safe view of a site. */
export function toPublicSite(site: SiteRecord): PublicSite {
  return { id: site.id, name: site.name, defaultLocale: site.defaultLocale, enabledWidgets: site.enabledWidgets };
}

/** The site of an unrevoked publishable key, with the key's origin allowlist. */
export async function findSiteByPublishableKey(
  db: SqlExecutor,
  key: string,
): Promise<{ site: SiteRecord; allowedOrigins: string[] } | null> {
  const { rows } = await db.query<SiteRow & { allowed_origins: string[] }>(
    `SELECT ${SITE_COLUMNS}, k.allowed_origins FROM site_publishable_keys k JOIN sites s ON s.id = k.site_id
     WHERE k.key = $1 AND k.revoked_at IS NULL`,
    [key],
  );
  const row = rows[0];
  return row ? { site: toSiteRecord(row), allowedOrigins: row.allowed_origins } : null;
}

/** {@link findSiteByPublishableKey} for many keys in one statement: each known, unrevoked key's site, by key. */
export async function findSitesByPublishableKeys(
  db: SqlExecutor,
  keys: readonly string[],
): Promise<Map<string, { site: SiteRecord; allowedOrigins: string[] }>> {
  const { rows } = await db.query<SiteRow & { key: string; allowed_origins: string[] }>(
    `SELECT ${SITE_COLUMNS}, k.key, k.allowed_origins FROM site_publishable_keys k JOIN sites s ON s.id = k.site_id
     WHERE k.key = ANY($1::text[]) AND k.revoked_at IS NULL`,
    [keys],
  );
  return new Map(rows.map((row) => [row.key, { site: toSiteRecord(row), allowedOrigins: row.allowed_origins }]));
}

/** The site of an unrevoked secret key, found by the key's SHA-256 (hex). */
export async function findSiteBySecretKeyHash(
  db: SqlExecutor,
  keyHash: string,
): Promise<{ site: SiteRecord; keyId: string; keyHash: string } | null> {
  const { rows } = await db.query<SiteRow & { key_id: string; key_hash: string }>(
    `SELECT ${SITE_COLUMNS}, k.id AS key_id, k.key_hash FROM site_secret_keys k JOIN sites s ON s.id = k.site_id
     WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
    [keyHash],
  );
  const row = rows[0];
  return row ? { site: toSiteRecord(row), keyId: row.key_id, keyHash: row.key_hash } : null;
}

/** A site by its slug. */
export async function findSiteBySlug(db: SqlExecutor, slug: string): Promise<SiteRecord | null> {
  const { rows } = await db.query<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites s WHERE s.slug = $1`, [slug]);
  return rows[0] ? toSiteRecord(rows[0]) : null;
}

/** A site by its id or its slug (the id wins if one site's slug is another's id). */
export async function findSite(db: SqlExecutor, idOrSlug: string): Promise<SiteRecord | null> {
  const { rows } = await db.query<SiteRow>(
    `SELECT ${SITE_COLUMNS} FROM sites s WHERE s.id = $1 OR s.slug = $1 ORDER BY s.id = $1 DESC LIMIT 1`,
    [idOrSlug],
  );
  return rows[0] ? toSiteRecord(rows[0]) : null;
}

/** Every site, oldest first. */
export async function listSites(db: SqlExecutor): Promise<SiteRecord[]> {
  const { rows } = await db.query<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites s ORDER BY s.created_at, s.id`);
  return rows.map(toSiteRecord);
}
