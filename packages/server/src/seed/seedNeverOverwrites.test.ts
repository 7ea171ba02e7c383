import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgram, saveProgram } from '../loyalty/programQueries.js';
import { saveCatalog } from '../preferences/catalogQueries.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';
import { DEMO_LOYALTY_PROGRAM } from './demoLoyaltyProgram.js';
import { DEMO_PREFERENCE_CATALOG } from './demoPreferenceCatalog.js';
import { seedDemoSite } from './seedDemoSite.js';

let t: TestStore;
beforeAll(async () => {
  t = await createTestStore();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

describe('seedDemoSite on a site the business has edited', () => {
  it('keeps the edited loyalty program, catalog and origins; only adds what is missing', async () => {
    const now = new Date('2026-11-23T09:00:00.000Z');
    const seeded = await seedDemoSite(t.store, { now, allowedOrigins: ['https://shop.example.com'] });
    const siteId = seeded.site.id;
    await t.store.transaction(async (tx) => {
      await saveProgram(tx, { siteId, program: { ...DEMO_LOYALTY_PROGRAM, pointsName: 'Edited Points' }, now });
      await saveCatalog(tx, { siteId, wording: { ...DEMO_PREFERENCE_CATALOG, statement: 'Edited statement.' }, now });
    });

    const again = await seedDemoSite(t.store, { now: new Date(now.getTime() + 60_000), allowedOrigins: ['https://new.example.com'] });
    expect(again).toMatchObject({ created: false, publishableKey: seeded.publishableKey });
    expect(await loadProgram(t.store, siteId)).toMatchObject({ version: 2, pointsName: 'Edited Points' });
    const catalogs = await t.store.query<{ version: number; statement: string }>(
      `SELECT version, wording->>'statement' AS statement FROM preference_catalogs WHERE site_id = $1 ORDER BY version`,
      [siteId],
    );
    expect(catalogs.rows).toEqual([
      { version: 1, statement: DEMO_PREFERENCE_CATALOG.statement },
      { version: 2, statement: 'Edited statement.' },
    ]);
    const keys = await t.store.query<{ allowed_origins: string[] }>('SELECT allowed_origins FROM site_publishable_keys WHERE key = $1', [
      seeded.publishableKey,
    ]);
    expect(keys.rows[0]?.allowed_origins).toEqual(['https://shop.example.com', 'https://new.example.com']);
  });
});
