import { WIDGET_NAMES, type WidgetName } from '@rapport/core';
import { newId } from '../crypto/random.js';
import type { SqlExecutor } from '../store/Store.js';
import { createSecretKey } from './createSecretKey.js';
import { generateIdentitySecret, generatePublishableKey } from './keys.js';
import { toSiteRecord, type SiteRecord, type SiteRow } from './siteQueries.js';

/** Options of {@link createSite}. */
export interface CreateSiteOptions {
  /** Unique, URL-safe name of the site. Required. */
  slug: string;
  /** The business's name as visitors see it. Required. */
  name: string;
  /** Locale used when a visitor has none. Default: `'en'`. */
  defaultLocale?: string;
  /** Widgets switched on. Default: all four. */
  enabledWidgets?: readonly WidgetName[];
  /** Identity secret for visitor tokens. Default: 32 random bytes. */
  identitySecret?: string;
  /** Publishable key to register. Default: a new random one. */
  publishableKey?: string;
  /** Origins the publishable key may be used from. Default: none (requests carrying an Origin are refused). */
  allowedOrigins?: readonly string[];
  /** Secret key to register (stored hashed). Default: a new random one. */
  secretKey?: string;
  /** Creation time. Default: `new Date()`. */
  now?: Date;
}

/** A new site with one publishable key and one secret key; the only time the secret key is readable. */
export interface CreatedSite {
  site: SiteRecord;
  publishableKey: string;
  secretKey: string;
  identitySecret: string;
}

/**
 * Creates a site with its keys. Run it in a transaction so a failure leaves nothing behind. The server secret is
 * the database's default (32 random bytes), so this also runs on a schema from before migration 0011.
 */
export async function createSite(db: SqlExecutor, options: CreateSiteOptions): Promise<CreatedSite> {
  const { rows } = await db.query<SiteRow>(
    `INSERT INTO sites (id, slug, name, default_locale, enabled_widgets, identity_secret, created_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7) RETURNING *`,
    [
      newId('site'),
      options.slug,
      options.name,
      options.defaultLocale ?? 'en',
      [...(options.enabledWidgets ?? WIDGET_NAMES)],
      options.identitySecret ?? generateIdentitySecret(),
      options.now ?? new Date(),
    ],
  );
  const site: SiteRecord = toSiteRecord(rows[0]!);
  const publishableKey = options.publishableKey ?? generatePublishableKey();
  await db.query('INSERT INTO site_publishable_keys (key, site_id, allowed_origins) VALUES ($1, $2, $3::text[])', [
    publishableKey,
    site.id,
    [...(options.allowedOrigins ?? [])],
  ]);
  const { secretKey } = await createSecretKey(db, site.id, options.secretKey);
  return { site, publishableKey, secretKey, identitySecret: site.identitySecret };
}
