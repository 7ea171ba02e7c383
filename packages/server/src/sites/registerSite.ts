import { LocaleSchema } from '@rapport/core/schemas';
import type { RapportStore } from '../store/Store.js';
import { createSite, type CreatedSite } from './createSite.js';
import { normalizeOrigin } from './normalizeOrigin.js';
import { SiteAdminError } from './SiteAdminError.js';

/** Options of {@link registerSite}. */
export interface RegisterSiteOptions {
  /** The business's name as visitors see it, 1–120 characters. Required. */
  name: string;
  /** Unique, URL-safe name (lower-case letters, digits, `-`). Default: made from `name` (`Acme Tea` → `acme-tea`). */
  slug?: string;
  /** Origins the site's first publishable key allows (see `normalizeOrigin`). Default: none. */
  origins?: readonly string[];
  /** Locale used when a visitor has none (BCP 47). Default: `'en'`. */
  defaultLocale?: string;
  /** Creation time. Default: `new Date()`. */
  now?: Date;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const SITE_CREATION_LOCK_KEY = 727_277_689;

/** `Café Olé & Co.` → `cafe-ole-co`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * Creates a site for a business, as `rapport-server site create` does: checks the name, slug, locale and origins
 * (`invalid_site`, `invalid_origin`), refuses a second site with the same name (case-insensitive) or slug
 * (`duplicate_site`), and creates it with one publishable key, one secret key and an identity secret.
 */
export async function registerSite(store: RapportStore, options: RegisterSiteOptions): Promise<CreatedSite> {
  const name = options.name.trim();
  if (name.length === 0 || name.length > 120) throw new SiteAdminError('invalid_site', 'The site name must be 1 to 120 characters');
  const slug = options.slug ?? slugify(name);
  if (!SLUG.test(slug)) {
    throw new SiteAdminError(
      'invalid_site',
      options.slug === undefined
        ? `Cannot make a slug from "${name}": pass one with --slug (lower-case letters, digits and -)`
        : `The slug "${slug}" must be lower-case letters, digits and - (at most 64, not starting or ending with -)`,
    );
  }
  const defaultLocale = options.defaultLocale ?? 'en';
  if (!LocaleSchema.safeParse(defaultLocale).success) throw new SiteAdminError('invalid_site', `"${defaultLocale}" is not a BCP 47 locale`);
  const origins = [...new Set((options.origins ?? []).map(normalizeOrigin))];
  return store.transaction(async (tx) => {
    // One creation at a time, so two concurrent creations of the same name cannot both pass the check below.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SITE_CREATION_LOCK_KEY]);
    const { rows } = await tx.query<{ id: string; slug: string; name: string }>(
      'SELECT id, slug, name FROM sites WHERE slug = $1 OR lower(name) = lower($2) LIMIT 1',
      [slug, name],
    );
    const clash = rows[0];
    if (clash) {
      const what = clash.name.toLowerCase() === name.toLowerCase() ? `the name "${clash.name}"` : `the slug "${slug}"`;
      throw new SiteAdminError('duplicate_site', `A site with ${what} exists already (${clash.id})`);
    }
    return createSite(tx, { slug, name, defaultLocale, allowedOrigins: origins, ...(options.now ? { now: options.now } : {}) });
  });
}
