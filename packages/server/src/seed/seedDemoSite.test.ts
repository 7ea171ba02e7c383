import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import { createSilentLogger } from '../logger.js';
import { generatePublishableKey, generateSecretKey } from '../sites/keys.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';
import { createTestSite } from '../testing/testHarness.js';
import { signVisitorToken } from '../tokens/signVisitorToken.js';
import { DEMO_SURVEY_IDS } from './demoSurveys.js';
import { DEMO_CONTACTS, seedDemoSite } from './seedDemoSite.js';

let t: TestStore;
beforeAll(async () => {
  t = await createTestStore();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

describe('seedDemoSite', () => {
  it('creates the demo site once; later runs find it and cannot show the secret key again', async () => {
    const [first, concurrent] = await Promise.all([seedDemoSite(t.store), seedDemoSite(t.store)]);
    const created = first.created ? first : concurrent;
    const found = first.created ? concurrent : first;
    expect([first.created, concurrent.created].sort()).toEqual([false, true]);
    expect(created.site).toMatchObject({ slug: 'demo-shop', name: 'Northwind Coffee Roasters', enabledWidgets: ['feedback', 'preferences', 'loyalty', 'owner'] });
    expect(created.publishableKey).toMatch(/^pk_live_[A-Za-z0-9_-]{32}$/);
    expect(created.secretKey).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    expect(created.identitySecret.length).toBeGreaterThanOrEqual(43);
    expect(found).toMatchObject({ created: false, secretKey: null, publishableKey: created.publishableKey, identitySecret: created.identitySecret });
    expect(found.site.id).toBe(created.site.id);

    const again = await seedDemoSite(t.store);
    expect(again.created).toBe(false);
    const { rows } = await t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM sites WHERE slug = $1', ['demo-shop']);
    expect(rows[0]?.n).toBe(1);
    const contacts = await t.store.query<{ external_id: string; traits: Record<string, unknown> }>(
      'SELECT external_id, traits FROM contacts WHERE site_id = $1 AND external_id IS NOT NULL ORDER BY external_id',
      [created.site.id],
    );
    expect(contacts.rows).toEqual(DEMO_CONTACTS.map((c) => ({ external_id: c.externalId, traits: c.traits })));
    const secretRows = await t.store.query<{ key_hash: string }>('SELECT key_hash FROM site_secret_keys WHERE site_id = $1', [created.site.id]);
    expect(JSON.stringify(secretRows.rows)).not.toContain(created.secretKey ?? '!');
    const catalogs = await t.store.query<{ version: number; wording: { topics: Array<{ id: string; label: string; required: boolean }> } }>(
      'SELECT version, wording FROM preference_catalogs WHERE site_id = $1',
      [created.site.id],
    );
    expect(catalogs.rows.map((r) => r.version)).toEqual([1]);
    expect(catalogs.rows[0]?.wording.topics.map((topic) => [topic.id, topic.required])).toEqual([
      ['newsletter', false],
      ['offers', false],
      ['product-updates', false],
      ['events', false],
      ['orders', true],
      ['security', true],
    ]);
    expect(catalogs.rows[0]?.wording.topics[0]?.label).toBe('The Roast Report');
  });

  it('makes fixed keys and identity secret work for an existing site', async () => {
    const publishableKey = generatePublishableKey();
    const secretKey = generateSecretKey();
    const identitySecret = 'fixed-dev-identity-secret-0123456789abcdef';
    const result = await seedDemoSite(t.store, { publishableKey, secretKey, identitySecret, allowedOrigins: ['https://demo.example.com'] });
    expect(result).toMatchObject({ created: false, publishableKey, secretKey, identitySecret });
    expect(await seedDemoSite(t.store, { publishableKey, secretKey, identitySecret })).toMatchObject({ created: false, publishableKey, secretKey });

    const app = createApp({ store: t.store, logger: createSilentLogger() });
    const token = await signVisitorToken({ secret: identitySecret, externalId: 'user_ada' });
    const visitor = await app.request('/v1/visitor/bootstrap', {
      headers: { 'x-rapport-key': publishableKey, authorization: `Bearer ${token}`, origin: 'https://demo.example.com' },
    });
    expect(visitor.status).toBe(200);
    expect(((await visitor.json()) as { visitor: { displayName: string } }).visitor.displayName).toBe('Ada Lovelace');
    const adminResponse = await app.request('/v1/admin/contacts', { headers: { authorization: `Bearer ${secretKey}` } });
    expect(adminResponse.status).toBe(200);

    // A revoked fixed key is brought back: passing it explicitly means "this key must work".
    await t.store.query('UPDATE site_secret_keys SET revoked_at = now()');
    await seedDemoSite(t.store, { secretKey });
    expect((await app.request('/v1/admin/contacts', { headers: { authorization: `Bearer ${secretKey}` } })).status).toBe(200);
  });

  it("refuses to take over another site's keys", async () => {
    const other = await createTestSite(t.store);
    await expect(seedDemoSite(t.store, { publishableKey: other.publishableKey })).rejects.toThrow(/another site/);
    await expect(seedDemoSite(t.store, { secretKey: other.secretKey })).rejects.toThrow(/another site/);
  });

  it('seeds the demo surveys and about eight weeks of answers once, for the console and the demo visitors', async () => {
    const store = await createTestStore();
    try {
      const now = new Date('2026-11-23T09:00:00.000Z');
      const seeded = await seedDemoSite(store.store, { now });
      const siteId = seeded.site.id;
      const counts = async () =>
        (
          await store.store.query<{ surveys: number; responses: number; events: number; contacts: number }>(
            `SELECT (SELECT count(*)::int FROM surveys WHERE site_id = $1) AS surveys,
               (SELECT count(*)::int FROM feedback_responses WHERE site_id = $1) AS responses,
               (SELECT count(*)::int FROM feedback_events WHERE site_id = $1) AS events,
               (SELECT count(*)::int FROM contacts WHERE site_id = $1) AS contacts`,
            [siteId],
          )
        ).rows[0];
      const first = await counts();
      expect(first).toMatchObject({ surveys: 3 });
      expect(first?.responses).toBeGreaterThan(40);
      expect(first?.events).toBeGreaterThan(first?.responses ?? 0);

      // The business edits a demo survey; seeding again (later) overwrites nothing and adds nothing.
      await store.store.query("UPDATE surveys SET question = 'Edited' WHERE id = $1", [DEMO_SURVEY_IDS.csat]);
      await seedDemoSite(store.store, { now: new Date(now.getTime() + 7 * 86_400_000) });
      expect(await counts()).toEqual(first);
      const edited = await store.store.query<{ question: string }>('SELECT question FROM surveys WHERE id = $1', [DEMO_SURVEY_IDS.csat]);
      expect(edited.rows[0]?.question).toBe('Edited');

      const app = createApp({ store: store.store, logger: createSilentLogger(), clock: () => now });
      const admin = (path: string) => app.request(`/v1/admin${path}`, { headers: { authorization: `Bearer ${seeded.secretKey ?? ''}` } });
      const surveys = (await (await admin('/surveys')).json()) as { items: Array<{ id: string; status: string; placement: string; question: string }> };
      expect(surveys.items.map((s) => [s.id, s.status, s.placement]).sort()).toEqual([
        [DEMO_SURVEY_IDS.csat, 'active', 'tab'],
        [DEMO_SURVEY_IDS.nps, 'active', 'popover'],
        [DEMO_SURVEY_IDS.thumbs, 'active', 'inline'],
      ]);
      expect(surveys.items.find((s) => s.id === DEMO_SURVEY_IDS.nps)?.question).toBe('How likely are you to recommend Northwind Coffee Roasters to a friend?');

      const results = (await (await admin(`/surveys/${DEMO_SURVEY_IDS.nps}/results`)).json()) as { nps: number; weekly: Array<{ score: number | null }> };
      expect(results.weekly.filter((week) => week.score !== null).length).toBeGreaterThanOrEqual(8);
      expect(results.nps).toBeTypeOf('number');
      const requests = (await (await admin('/feedback/contact-requests')).json()) as { items: Array<{ contactRequested: boolean }> };
      expect(requests.items).toHaveLength(1);

      // Ada, signed in, may be asked every survey now and sees the business's answer to her old feedback.
      const token = await signVisitorToken({ secret: seeded.identitySecret, externalId: 'user_ada', now });
      const boot = await app.request('/v1/visitor/bootstrap', { headers: { 'x-rapport-key': seeded.publishableKey, authorization: `Bearer ${token}` } });
      const feedback = ((await boot.json()) as { widgets: { feedback: { surveys: Array<{ id: string; eligible: boolean }>; replies: Array<{ message: string; status: string }> } } }).widgets.feedback;
      expect(feedback.surveys.map((s) => s.eligible)).toEqual([true, true, true]);
      expect(feedback.replies).toEqual([expect.objectContaining({ status: 'resolved', message: expect.stringContaining('rebuilt the mobile checkout') })]);
    } finally {
      await store.dispose();
    }
  });
});
