import { randomBytes } from 'node:crypto';
import type { RapportStore } from '@rapport/server';
import { createSite, type CreatedSite } from '../../packages/server/src/sites/createSite.js';

/** A new site of its own for a chaos run (random slug, every widget on), written straight to `store`. */
export function createChaosSite(store: RapportStore): Promise<CreatedSite> {
  return store.transaction((tx) => createSite(tx, { slug: `chaos-${randomBytes(5).toString('hex')}`, name: 'Chaos Shop' }));
}
