import type { CreatedSecretKey, PublishableKey, SecretKeyInfo, SiteAdmin } from '@rapport/core/schemas';
import { createSecretKey } from '../sites/createSecretKey.js';
import { describeSite, toPublishableKey, toSecretKeyInfo } from '../sites/describeSite.js';
import { changeOrigins, createPublishableKey, revokePublishableKey } from '../sites/publishableKeys.js';
import { registerSite } from '../sites/registerSite.js';
import { rotateIdentitySecret } from '../sites/rotateIdentitySecret.js';
import { revokeSecretKey } from '../sites/secretKeys.js';
import { SiteAdminError } from '../sites/SiteAdminError.js';
import { findSite, listSites, type SiteRecord } from '../sites/siteQueries.js';
import { createPGliteStore } from '../store/createPGliteStore.js';
import { createPostgresStore } from '../store/createPostgresStore.js';
import { migrate } from '../store/migrate.js';
import type { RapportStore, SqlExecutor } from '../store/Store.js';
import type { ManageCommand } from './parseManageArgs.js';
import type { StoreLocation } from './storeLocation.js';

/** What a management command did, as printed (JSON with `--json`). */
export type ManageResult =
  | {
      action: 'site create';
      site: { id: string; slug: string; name: string };
      publishableKey: string;
      allowedOrigins: string[];
      secretKey: string;
      identitySecret: string;
    }
  | { action: 'site list'; sites: SiteAdmin[] }
  | { action: 'key list'; site: SiteAdmin }
  | { action: 'key create'; site: string; publishableKey: PublishableKey }
  | { action: 'key create'; site: string; secretKey: CreatedSecretKey }
  | { action: 'key revoke'; site: string; publishableKey: PublishableKey }
  | { action: 'key revoke'; site: string; secretKey: SecretKeyInfo }
  | { action: 'origin add' | 'origin remove'; site: string; origins: string[]; publishableKeys: PublishableKey[] }
  | {
      action: 'identity-secret rotate';
      site: string;
      identitySecret: string;
      rotatedAt: string;
      previousValidUntil: string | null;
      /** An older secret's grace that this rotation ended early, when there was one. */
      cutShort: string | null;
    };

async function siteOrRefuse(db: SqlExecutor, idOrSlug: string): Promise<SiteRecord> {
  const site = await findSite(db, idOrSlug);
  if (!site) throw new SiteAdminError('site_not_found', `No site "${idOrSlug}": see "rapport-server site list"`);
  return site;
}

/** Runs one management command on `store` (migrated). Throws `SiteAdminError` for what it refuses. */
export async function runManageOn(store: RapportStore, command: ManageCommand, now: Date = new Date()): Promise<ManageResult> {
  switch (command.action) {
    case 'site create': {
      const created = await registerSite(store, {
        name: command.name,
        origins: command.origins,
        ...(command.slug !== undefined ? { slug: command.slug } : {}),
        ...(command.locale !== undefined ? { defaultLocale: command.locale } : {}),
        now,
      });
      const { id, slug, name } = created.site;
      return {
        action: command.action,
        site: { id, slug, name },
        publishableKey: created.publishableKey,
        allowedOrigins: command.origins,
        secretKey: created.secretKey,
        identitySecret: created.identitySecret,
      };
    }
    case 'site list': {
      const sites = await listSites(store);
      return { action: command.action, sites: await Promise.all(sites.map((site) => describeSite(store, site, now))) };
    }
    case 'key list':
      return { action: command.action, site: await describeSite(store, await siteOrRefuse(store, command.site), now) };
    case 'key create': {
      const site = await siteOrRefuse(store, command.site);
      if (command.type === 'secret') {
        const { id, prefix, secretKey, createdAt } = await createSecretKey(store, site.id);
        return { action: command.action, site: site.slug, secretKey: { id, prefix, secretKey, createdAt: createdAt.toISOString() } };
      }
      const key = await createPublishableKey(store, { siteId: site.id, now, ...(command.origins ? { origins: command.origins } : {}) });
      return { action: command.action, site: site.slug, publishableKey: toPublishableKey(key) };
    }
    case 'key revoke': {
      const site = await siteOrRefuse(store, command.site);
      if (command.key.startsWith('pk_')) {
        const key = await revokePublishableKey(store, { siteId: site.id, key: command.key, now });
        return { action: command.action, site: site.slug, publishableKey: toPublishableKey(key) };
      }
      const revoked = await store.transaction((tx) => revokeSecretKey(tx, { siteId: site.id, key: command.key, now }));
      return { action: command.action, site: site.slug, secretKey: toSecretKeyInfo(revoked) };
    }
    case 'origin add':
    case 'origin remove': {
      const site = await siteOrRefuse(store, command.site);
      const change = command.action === 'origin add' ? { add: command.origins } : { remove: command.origins };
      const keys = await changeOrigins(store, { siteId: site.id, ...change, ...(command.key ? { key: command.key } : {}) });
      return { action: command.action, site: site.slug, origins: command.origins, publishableKeys: keys.map(toPublishableKey) };
    }
    case 'identity-secret rotate': {
      const rotated = await store.transaction(async (tx) => {
        const site = await siteOrRefuse(tx, command.site);
        return { site, ...(await rotateIdentitySecret(tx, { siteId: site.id, graceMs: command.graceMs, clock: () => new Date() })) };
      });
      return {
        action: command.action,
        site: rotated.site.slug,
        identitySecret: rotated.identitySecret,
        rotatedAt: rotated.rotatedAt.toISOString(),
        previousValidUntil: rotated.previousValidUntil?.toISOString() ?? null,
        cutShort: rotated.cutShort?.toISOString() ?? null,
      };
    }
  }
}

/** Opens the store at `location` (PostgreSQL or PGlite), migrates it, runs `command` and closes the store. */
export async function runManageCommand(location: StoreLocation, command: ManageCommand): Promise<ManageResult> {
  const store = location.databaseUrl
    ? await createPostgresStore({ connectionString: location.databaseUrl, max: 2 })
    : await createPGliteStore({ dataDir: location.dataDir });
  try {
    await migrate(store);
    return await runManageOn(store, command);
  } finally {
    await store.close();
  }
}
