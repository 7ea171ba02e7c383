import type { PreferenceCatalog, PreferenceCatalogInput } from '@rapport/core';
import { canonicalJson } from '../crypto/canonicalJson.js';
import { sha256Hex } from '../crypto/sha256.js';
import { validationFailed } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';

/** The statement of a site that has not written its catalog yet. */
const EMPTY_WORDING: PreferenceCatalogInput = { channels: [], topics: [], statement: 'Choose what you hear from us, and how.' };

interface CatalogRow {
  version: number;
  wording: PreferenceCatalogInput;
  wording_hash: string;
  created_at: Date;
}

/** SHA-256 (hex) of a catalog's exact wording. */
export function catalogWordingHash(wording: PreferenceCatalogInput): Promise<string> {
  return sha256Hex(canonicalJson(wording));
}

function toCatalog(row: CatalogRow): PreferenceCatalog {
  return { version: row.version, wordingHash: row.wording_hash, ...row.wording, updatedAt: row.created_at.toISOString() };
}

/** The current (highest) catalog version of a site; an empty version 1 until the business writes one. */
export async function loadCurrentCatalog(db: SqlExecutor, site: { id: string; createdAt: Date }): Promise<PreferenceCatalog> {
  const { rows } = await db.query<CatalogRow>(
    'SELECT version, wording, wording_hash, created_at FROM preference_catalogs WHERE site_id = $1 ORDER BY version DESC LIMIT 1',
    [site.id],
  );
  if (rows[0]) return toCatalog(rows[0]);
  return { version: 1, wordingHash: await catalogWordingHash(EMPTY_WORDING), ...EMPTY_WORDING, updatedAt: site.createdAt.toISOString() };
}

function checkCatalog(input: PreferenceCatalogInput): void {
  const issues: Parameters<typeof validationFailed>[0] = [];
  const channels = new Set<string>();
  input.channels.forEach((channel, i) => {
    if (channels.has(channel.id)) issues.push({ path: ['channels', i, 'id'], message: 'Duplicate channel', code: 'custom' });
    channels.add(channel.id);
  });
  const topics = new Set<string>();
  input.topics.forEach((topic, i) => {
    if (topics.has(topic.id)) issues.push({ path: ['topics', i, 'id'], message: 'Duplicate topic', code: 'custom' });
    topics.add(topic.id);
    topic.channels.forEach((channel, j) => {
      if (!channels.has(channel)) issues.push({ path: ['topics', i, 'channels', j], message: 'Not a channel of this catalog', code: 'custom' });
    });
    if (new Set(topic.channels).size !== topic.channels.length) issues.push({ path: ['topics', i, 'channels'], message: 'Duplicate channel', code: 'custom' });
    if (topic.required && topic.frequencies.length > 0) {
      issues.push({ path: ['topics', i, 'frequencies'], message: 'A required topic has no frequency choice', code: 'custom' });
    }
  });
  if (issues.length > 0) throw validationFailed(issues);
}

/**
 * Saves the catalog: a wording different from the current one becomes a new version (and a new hash); the
 * same wording keeps the current version. Serialises writers of one site with an advisory lock; a new
 * version's time is read once the lock is held and never precedes the version before it.
 */
export async function saveCatalog(
  tx: SqlExecutor,
  input: {
    siteId: string;
    wording: PreferenceCatalogInput;
    /** The clock (read under the lock), or a fixed time (a seed that runs alone). */
    now: Date | (() => Date);
  },
): Promise<{ catalog: PreferenceCatalog; created: boolean }> {
  checkCatalog(input.wording);
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('rapport:catalog:' || $1))", [input.siteId]);
  const hash = await catalogWordingHash(input.wording);
  const { rows } = await tx.query<CatalogRow>(
    'SELECT version, wording, wording_hash, created_at FROM preference_catalogs WHERE site_id = $1 ORDER BY version DESC LIMIT 1',
    [input.siteId],
  );
  const current = rows[0];
  if (current?.wording_hash === hash) return { catalog: toCatalog(current), created: false };
  const read = typeof input.now === 'function' ? input.now() : input.now;
  const at = current && current.created_at.getTime() > read.getTime() ? current.created_at : read;
  const inserted = await tx.query<CatalogRow>(
    `INSERT INTO preference_catalogs (site_id, version, wording, wording_hash, created_at) VALUES ($1, $2, $3::jsonb, $4, $5)
     RETURNING version, wording, wording_hash, created_at`,
    [input.siteId, (current?.version ?? 0) + 1, JSON.stringify(input.wording), hash, at],
  );
  return { catalog: toCatalog(inserted.rows[0]!), created: true };
}
