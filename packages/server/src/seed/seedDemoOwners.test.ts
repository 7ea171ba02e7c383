import { ContactOwnerSchema, OwnerBootstrapSchema, StaffListSchema } from '@rapport/core/schemas';
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

describe('seedDemoOwners', () => {
  it('seeds three staff in three zones, the settings and Ada’s and Grace’s owners once', async () => {
    // Monday 23 November 2026, 10:00 in London.
    const now = new Date('2026-11-23T10:00:00.000Z');
    const seeded = await seedDemoSite(t.store, { now });
    await t.store.query(`UPDATE sites SET enabled_widgets = array_remove(enabled_widgets, 'owner') WHERE id = $1`, [seeded.site.id]);
    const again = await seedDemoSite(t.store, { now: new Date(now.getTime() + 86_400_000) });
    // Seeding never overwrites: the business switched the owner widget off, and off it stays.
    expect(again.site.enabledWidgets).not.toContain('owner');
    await t.store.query(`UPDATE sites SET enabled_widgets = array_append(enabled_widgets, 'owner') WHERE id = $1`, [seeded.site.id]);
    const { rows } = await t.store.query<{ staff: number; assignments: number; settings: number }>(
      `SELECT (SELECT count(*)::int FROM staff WHERE site_id = $1) AS staff,
         (SELECT count(*)::int FROM owner_assignments WHERE site_id = $1) AS assignments,
         (SELECT count(*)::int FROM owner_settings WHERE site_id = $1) AS settings`,
      [seeded.site.id],
    );
    expect(rows[0]).toEqual({ staff: 3, assignments: 2, settings: 1 });

    const app = createApp({ store: t.store, clock: () => now, logger: createSilentLogger(), rateLimit: false });
    const admin = async (path: string) => (await app.request(`/v1/admin${path}`, { headers: { authorization: `Bearer ${seeded.secretKey ?? ''}` } })).json();
    const staff = StaffListSchema.parse(await admin('/staff')).items;
    expect(staff.map((s) => [s.id, s.timeZone, s.availability.state])).toEqual([
      ['kenji', 'Asia/Tokyo', 'out_of_office'],
      ['maya', 'Europe/London', 'available'],
      ['sam', 'America/New_York', 'away'],
    ]);
    expect(staff.find((s) => s.id === 'kenji')?.weeklyHours[0]).toEqual({ day: 'mon', start: '18:00', end: '02:00' });
    expect(ContactOwnerSchema.parse(await admin('/contacts/user_ada/owner')).owner).toMatchObject({ staffId: 'maya', method: 'first_touch' });
    expect(ContactOwnerSchema.parse(await admin('/contacts/user_grace/owner')).owner).toMatchObject({ staffId: 'sam', method: 'manual', by: 'admin' });
    expect(await admin('/owner-settings')).toEqual({ roundRobin: true, measuredResponseTime: true, teamName: 'The Northwind team' });

    const owner = async (externalId: string) => {
      const token = await signVisitorToken({ secret: seeded.identitySecret, externalId, siteId: seeded.site.id, now });
      const response = await app.request('/v1/visitor/owner', { headers: { 'x-rapport-key': seeded.publishableKey, authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      return OwnerBootstrapSchema.parse(await response.json());
    };
    const ada = await owner('user_ada');
    expect(ada.owner).toMatchObject({ name: 'Maya Patel', role: 'Your coffee concierge', channels: { email: 'maya@northwind.example' } });
    expect(ada.owner?.channels.phone).toBeUndefined();
    expect(ada.availability?.state).toBe('available');
    const grace = await owner('user_grace');
    expect(grace.owner).toMatchObject({ name: 'Sam R.', responseTime: { minutes: 180, measured: false } });
    expect(grace.covering?.owner.name).toBe('Maya Patel');
  });
});
