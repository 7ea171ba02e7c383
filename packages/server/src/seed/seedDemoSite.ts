import type { Traits } from '@rapport/core';
import { createSecretKey } from '../sites/createSecretKey.js';
import { createSite } from '../sites/createSite.js';
import { generatePublishableKey, hashSecretKey } from '../sites/keys.js';
import { changeOrigins } from '../sites/publishableKeys.js';
import { findSiteBySlug, type SiteRecord } from '../sites/siteQueries.js';
import { upsertKnownContact } from '../contacts/contactQueries.js';
import type { RapportStore, SqlExecutor } from '../store/Store.js';
import { saveCatalog } from '../preferences/catalogQueries.js';
import { DEMO_PREFERENCE_CATALOG } from './demoPreferenceCatalog.js';
import { seedDemoFeedback } from './seedDemoFeedback.js';
import { seedDemoLoyalty } from './seedDemoLoyalty.js';
import { seedDemoOwners } from './seedDemoOwners.js';

/** Slug of the demo site. */
export const DEMO_SITE_SLUG = 'demo-shop';

/** Origins the demo's publishable key allows unless told otherwise (Vite's dev server). */
export const DEFAULT_DEV_ORIGINS: readonly string[] = ['http://localhost:5173', 'http://127.0.0.1:5173'];

/** Options of {@link seedDemoSite}. */
export interface SeedDemoSiteOptions {
  /** Publishable key the demo site must accept. Default: the site's existing key, or a new random one. */
  publishableKey?: string;
  /** Secret key the demo site must accept (stored hashed). Default: a new random one when the site is created. */
  secretKey?: string;
  /** Identity secret the demo site must use. Default: the existing one, or a new random one. */
  identitySecret?: string;
  /**
   * Origins the publishable key allows. Default: `http://localhost:5173` and `http://127.0.0.1:5173` for a new
   * key. For an existing key these are added to its list; origins are never removed by seeding.
   */
  allowedOrigins?: readonly string[];
  /** Creation time of what is seeded. Default: `new Date()`. */
  now?: Date;
}

/** Result of {@link seedDemoSite}. */
export interface SeedDemoSiteResult {
  /** The demo site (server-side record: it includes the identity secret). */
  site: SiteRecord;
  /** A publishable key of the site that works (the one passed in, when one was). */
  publishableKey: string;
  /** The identity secret visitor tokens for this site must be signed with. */
  identitySecret: string;
  /** The secret key in clear: when the site was just created or `secretKey` was passed; otherwise `null` (only its hash is stored). */
  secretKey: string | null;
  /** True when this call created the site. */
  created: boolean;
}

/** The demo's known visitors; their external ids are what the demo's sign-in uses. */
export const DEMO_CONTACTS: ReadonlyArray<{ externalId: string; traits: Traits }> = [
  { externalId: 'user_ada', traits: { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'Subscriber', city: 'London' } },
  { externalId: 'user_grace', traits: { name: 'Grace Hopper', email: 'grace@example.com', plan: 'Wholesale', city: 'Arlington' } },
];

const SEED_LOCK_KEY = 727_277_688;

/**
 * A publishable key of the demo site that works: `key` (added, or brought back when revoked), else its oldest
 * unrevoked key, else a new one. `allowedOrigins` are added to the key's list; none is ever removed.
 */
async function ensurePublishableKey(
  tx: SqlExecutor,
  siteId: string,
  key: string | undefined,
  allowedOrigins: readonly string[] | undefined,
): Promise<string> {
  if (key === undefined) {
    const { rows } = await tx.query<{ key: string }>(
      'SELECT key FROM site_publishable_keys WHERE site_id = $1 AND revoked_at IS NULL ORDER BY created_at, key LIMIT 1',
      [siteId],
    );
    const existing = rows[0]?.key;
    if (existing && allowedOrigins) await changeOrigins(tx, { siteId, key: existing, add: allowedOrigins });
    if (existing) return existing;
  }
  const chosen = key ?? generatePublishableKey();
  const { rows } = await tx.query<{ site_id: string }>(
    `INSERT INTO site_publishable_keys (key, site_id, allowed_origins) VALUES ($1, $2, $3::text[])
     ON CONFLICT (key) DO UPDATE SET revoked_at = NULL,
       allowed_origins = site_publishable_keys.allowed_origins
         || ARRAY(SELECT o FROM unnest($4::text[]) AS o WHERE NOT (o = ANY (site_publishable_keys.allowed_origins)))
     WHERE site_publishable_keys.site_id = EXCLUDED.site_id
     RETURNING site_id`,
    [chosen, siteId, [...(allowedOrigins ?? DEFAULT_DEV_ORIGINS)], [...(allowedOrigins ?? [])]],
  );
  if (rows[0]?.site_id !== siteId) throw new Error('That publishable key belongs to another site');
  return chosen;
}

/** The demo preference catalog, when the site has none: a catalog the business edited is left as it is. */
async function seedDemoCatalog(tx: SqlExecutor, siteId: string, now: Date): Promise<void> {
  const { rows } = await tx.query('SELECT 1 FROM preference_catalogs WHERE site_id = $1 LIMIT 1', [siteId]);
  if (rows.length === 0) await saveCatalog(tx, { siteId, wording: DEMO_PREFERENCE_CATALOG, now });
}

async function ensureSecretKey(tx: SqlExecutor, siteId: string, secretKey: string): Promise<void> {
  const { keyHash } = await hashSecretKey(secretKey);
  const { rows } = await tx.query<{ site_id: string }>(
    'UPDATE site_secret_keys SET revoked_at = NULL WHERE key_hash = $1 RETURNING site_id',
    [keyHash],
  );
  if (rows.length === 0) await createSecretKey(tx, siteId, secretKey);
  else if (rows[0]?.site_id !== siteId) throw new Error('That secret key belongs to another site');
}

/**
 * Creates the demo site "Northwind Coffee Roasters" (slug `demo-shop`, every widget on, two known contacts), or,
 * when it exists, makes sure the keys passed in work for it. Either way, adds what is missing and never
 * overwrites what exists: the demo surveys and their history (see `seedDemoFeedback`), the demo preference
 * catalog and loyalty program only when the site has none (the business's edits stay), a few orders, and the demo
 * staff with Ada's and Grace's owners (see `seedDemoOwners`). Keys and the identity secret passed in are explicit
 * configuration and are made to work. Safe to run on every start and from several instances at once.
 */
export async function seedDemoSite(store: RapportStore, options: SeedDemoSiteOptions = {}): Promise<SeedDemoSiteResult> {
  const now = options.now ?? new Date();
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const existing = await findSiteBySlug(tx, DEMO_SITE_SLUG);
    if (!existing) {
      const created = await createSite(tx, {
        slug: DEMO_SITE_SLUG,
        name: 'Northwind Coffee Roasters',
        defaultLocale: 'en-GB',
        allowedOrigins: options.allowedOrigins ?? DEFAULT_DEV_ORIGINS,
        now,
        ...(options.identitySecret ? { identitySecret: options.identitySecret } : {}),
        ...(options.publishableKey ? { publishableKey: options.publishableKey } : {}),
        ...(options.secretKey ? { secretKey: options.secretKey } : {}),
      });
      for (const contact of DEMO_CONTACTS) {
        await upsertKnownContact(tx, { siteId: created.site.id, externalId: contact.externalId, traits: contact.traits, now });
      }
      await seedDemoFeedback(tx, { siteId: created.site.id, now });
      await seedDemoCatalog(tx, created.site.id, now);
      await seedDemoLoyalty(tx, { siteId: created.site.id, now });
      await seedDemoOwners(tx, { siteId: created.site.id, now });
      return { ...created, created: true };
    }
    let site = existing;
    if (options.identitySecret && options.identitySecret !== site.identitySecret) {
      await tx.query('UPDATE sites SET identity_secret = $2 WHERE id = $1', [site.id, options.identitySecret]);
      site = { ...site, identitySecret: options.identitySecret };
    }
    const publishableKey = await ensurePublishableKey(tx, site.id, options.publishableKey, options.allowedOrigins);
    if (options.secretKey) await ensureSecretKey(tx, site.id, options.secretKey);
    await seedDemoFeedback(tx, { siteId: site.id, now });
    await seedDemoCatalog(tx, site.id, now);
    await seedDemoLoyalty(tx, { siteId: site.id, now });
    await seedDemoOwners(tx, { siteId: site.id, now });
    return { site, publishableKey, identitySecret: site.identitySecret, secretKey: options.secretKey ?? null, created: false };
  });
}
