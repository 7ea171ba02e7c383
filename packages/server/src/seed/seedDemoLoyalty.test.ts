import { LoyaltyAccountSummarySchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import { createSilentLogger } from '../logger.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';
import { signVisitorToken } from '../tokens/signVisitorToken.js';
import { seedDemoSite } from './seedDemoSite.js';

let t: TestStore;
beforeAll(async () => {
  t = await createTestStore();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

describe('seedDemoLoyalty', () => {
  it('seeds the Beans program and the demo orders once; Grace sits just below Gold', async () => {
    const now = new Date('2026-11-23T09:00:00.000Z');
    const seeded = await seedDemoSite(t.store, { now });
    await seedDemoSite(t.store, { now: new Date(now.getTime() + 60_000) });
    const { rows } = await t.store.query<{ programs: number; entries: number }>(
      `SELECT (SELECT count(*)::int FROM loyalty_programs WHERE site_id = $1) AS programs,
         (SELECT count(*)::int FROM loyalty_ledger WHERE site_id = $1) AS entries`,
      [seeded.site.id],
    );
    expect(rows[0]).toEqual({ programs: 1, entries: 5 });

    const app = createApp({ store: t.store, clock: () => now, logger: createSilentLogger(), rateLimit: false });
    const card = async (externalId: string) => {
      const token = await signVisitorToken({ secret: seeded.identitySecret, externalId, siteId: seeded.site.id, now });
      const response = await app.request('/v1/visitor/loyalty', {
        headers: { 'x-rapport-key': seeded.publishableKey, authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      return LoyaltyAccountSummarySchema.parse(await response.json());
    };
    const grace = await card('user_grace');
    expect(grace).toMatchObject({ pointsName: 'Beans', balance: 470, pending: 0, lifetimePoints: 470 });
    expect(grace.tier).toMatchObject({ name: 'Green', next: { name: 'Gold', pointsNeeded: 30 } });
    const ada = await card('user_ada');
    // Her order of 3 days ago is still in the approval window: its stamp comes with its points.
    expect(ada).toMatchObject({ balance: 50 + 125 + 82, pending: 160, stamps: { collected: 2, size: 9 } });
  });
});
