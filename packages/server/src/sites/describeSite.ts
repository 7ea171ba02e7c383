import type { SiteAdmin } from '@rapport/core/schemas';
import type { SqlExecutor } from '../store/Store.js';
import { listPublishableKeys, type PublishableKeyRecord } from './publishableKeys.js';
import { listSecretKeys, type SecretKeyRecord } from './secretKeys.js';
import type { SiteRecord } from './siteQueries.js';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** The wire form of a publishable key. */
export function toPublishableKey(key: PublishableKeyRecord): SiteAdmin['publishableKeys'][number] {
  return { key: key.key, allowedOrigins: key.allowedOrigins, createdAt: key.createdAt.toISOString(), revokedAt: iso(key.revokedAt) };
}

/** The wire form of a secret key's record (never the key). */
export function toSecretKeyInfo(key: SecretKeyRecord): SiteAdmin['secretKeys'][number] {
  return { id: key.id, prefix: key.prefix, createdAt: key.createdAt.toISOString(), revokedAt: iso(key.revokedAt) };
}

/**
 * The site as its business (or the operator) manages it: keys with their origins, secret keys by id and prefix,
 * and where its identity secret stands. No secret is included. A previous identity secret past its grace is
 * reported as none.
 */
export async function describeSite(db: SqlExecutor, site: SiteRecord, now: Date): Promise<SiteAdmin> {
  const { rows } = await db.query<{ identity_secret_rotated_at: Date | null }>('SELECT identity_secret_rotated_at FROM sites WHERE id = $1', [site.id]);
  const previous = site.previousIdentitySecret;
  return {
    id: site.id,
    slug: site.slug,
    name: site.name,
    defaultLocale: site.defaultLocale,
    enabledWidgets: site.enabledWidgets,
    createdAt: site.createdAt.toISOString(),
    publishableKeys: (await listPublishableKeys(db, site.id)).map(toPublishableKey),
    secretKeys: (await listSecretKeys(db, site.id)).map(toSecretKeyInfo),
    identitySecret: {
      rotatedAt: iso(rows[0]?.identity_secret_rotated_at ?? null),
      previousValidUntil: previous && previous.validUntil.getTime() > now.getTime() ? previous.validUntil.toISOString() : null,
    },
  };
}
