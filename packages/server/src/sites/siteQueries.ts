import { WIDGET_NAMES, type PublicSite, type WidgetName } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';

/** A site as the server holds it (includes its identity secret; never send it to a browser). */
export interface SiteRecord {
  id: string;
  slug: string;
  name: string;
  defaultLocale: string;
  enabledWidgets: WidgetName[];
  identitySecret: string;
  createdAt: Date;
}

interface SiteRow {
  id: string;
  slug: string;
  name: string;
  default_locale: string;
  enabled_widgets: string[];
  identity_secret: string;
  created_at: Date;
}

const SITE_COLUMNS = 's.id, s.slug, s.name, s.default_locale, s.enabled_widgets, s.identity_secret, s.created_at';

function isWidgetName(value: string): value is WidgetName {
  return (WIDGET_NAMES as readonly string[]).includes(value);
}

function toSiteRecord(row: SiteRow): SiteRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultLocale: row.default_locale,
    enabledWidgets: row.enabled_widgets.filter(isWidgetName),
    identitySecret: row.identity_secret,
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
