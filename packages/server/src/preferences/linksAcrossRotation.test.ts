import { ContactPreferencesSchema, IdentitySecretRotatedSchema, PendingConfirmationListSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import { createSilentLogger } from '../logger.js';
import { DEMO_PREFERENCE_CATALOG } from '../seed/demoPreferenceCatalog.js';
import { createSite } from '../sites/createSite.js';
import { rotateIdentitySecret } from '../sites/rotateIdentitySecret.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { createPreferencesKit, stateOf, type PreferencesKit } from '../testing/createPreferencesKit.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';
import { signVisitorToken } from '../tokens/signVisitorToken.js';
import { saveCatalog } from './catalogQueries.js';
import { derivePreferenceToken, hashPreferenceToken } from './preferenceTokens.js';

// Emailed links must outlive an identity-secret rotation: they are keyed by the site's server secret, which never
// rotates, and a preference change after the rotation must not rewrite the stored unsubscribe hash to a new value.
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ONE_CLICK = { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: FORM };

let h: Harness;
let kit: PreferencesKit;
beforeAll(async () => {
  h = await createHarness();
  kit = await createPreferencesKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function unsubscribePath(externalId: string): Promise<string> {
  const { oneClickUnsubscribeUrl } = ContactPreferencesSchema.parse(await (await kit.admin(`/contacts/${externalId}/preferences`)).json());
  return new URL(oneClickUnsubscribeUrl).pathname;
}

async function confirmationToken(externalId: string, topicId: string): Promise<string> {
  const { items } = PendingConfirmationListSchema.parse(await (await kit.admin('/preferences/confirmations')).json());
  const token = items.find((item) => item.externalId === externalId && item.topicId === topicId)?.token;
  if (!token) throw new Error(`No pending confirmation for ${externalId}`);
  return token;
}

describe('unsubscribe and confirmation links across an identity-secret rotation', () => {
  it('work after the rotation, and after a preference change made after it', async () => {
    await kit.changeOk(await kit.visitor('user_links', 'links@example.com'), {
      choices: [
        { topicId: 'offers', channel: 'sms', granted: true },
        { topicId: 'newsletter', channel: 'email', granted: true },
        { topicId: 'events', channel: 'email', granted: true },
      ],
    });
    const emailedUnsubscribe = await unsubscribePath('user_links');
    const emailedConfirmation = await confirmationToken('user_links', 'newsletter');

    // The secret leaked: no grace at all, so only the new secret signs visitors in from now on.
    const response = await kit.admin('/site/identity-secret/rotate', { method: 'POST', body: { graceSeconds: 0 } });
    const { identitySecret } = IdentitySecretRotatedSchema.parse(await response.json());
    expect((await kit.change(await kit.visitor('user_links'), { choices: [] })).status).toBe(401);
    const visitor = await signVisitorToken({ secret: identitySecret, externalId: 'user_links', siteId: kit.site.site.id, now: h.clock.now() });
    const changed = await kit.change(visitor, { choices: [{ topicId: 'events', channel: 'post', granted: true }] });
    expect(changed.status).toBe(200);
    expect(await unsubscribePath('user_links')).toBe(emailedUnsubscribe);

    const confirmed = await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: emailedConfirmation } });
    expect(confirmed.status).toBe(200);
    // The mailer reads an opt-in made before the rotation only now (a reminder): its link works too.
    const remindedConfirmation = await confirmationToken('user_links', 'events');
    expect((await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: remindedConfirmation } })).status).toBe(200);
    expect((await h.call(emailedUnsubscribe)).status).toBe(200);
    expect((await h.call(emailedUnsubscribe, ONE_CLICK)).status).toBe(200);
    const state = (await kit.contactPreferences('user_links')).state;
    expect(state.unsubscribedAll).toBe(true);
    expect(stateOf(state, 'newsletter', 'email')).toBe('off');
    expect((await kit.history('user_links')).map((e) => [e.action, e.source]).slice(-3)).toEqual([
      ['granted', 'confirmation_link'],
      ['granted', 'confirmation_link'],
      ['unsubscribed_all', 'one_click'],
    ]);
  });

  it('a link emailed before the upgrade to server secrets (keyed by the identity secret then) works after a rotation', async () => {
    const t = await createTestStore({ migrate: false });
    try {
      await migrate(t.store, MIGRATIONS.filter((m) => m.id < 11));
      const now = new Date('2026-11-23T09:00:00.000Z');
      const created = await t.store.transaction((tx) => createSite(tx, { slug: 'upgraded', name: 'Upgraded', now }));
      const siteId = created.site.id;
      // What the server before migration 0011 stored: the unsubscribe hash under the identity secret.
      const emailed = await derivePreferenceToken(created.identitySecret, 'unsubscribe', 'ct_upgraded_1');
      await t.store.query(`INSERT INTO contacts (id, site_id, external_id, created_at) VALUES ('ct_upgraded_1', $1, 'user_old', $2)`, [siteId, now]);
      await t.store.query(
        'INSERT INTO contact_preferences (contact_id, site_id, unsubscribe_token_hash, updated_at) VALUES ($1, $2, $3, $4)',
        ['ct_upgraded_1', siteId, await hashPreferenceToken(emailed), now],
      );

      await migrate(t.store);
      await t.store.transaction(async (tx) => {
        await saveCatalog(tx, { siteId, wording: DEMO_PREFERENCE_CATALOG, now });
        await rotateIdentitySecret(tx, { siteId, graceMs: 0, clock: () => now });
      });
      const app = createApp({ store: t.store, logger: createSilentLogger(), rateLimit: false, clock: () => now });
      const response = await app.request(`/v1/unsubscribe/${emailed}`, ONE_CLICK);
      expect(response.status).toBe(200);
      const { rows } = await t.store.query<{ unsubscribed_all: boolean }>('SELECT unsubscribed_all FROM contact_preferences WHERE contact_id = $1', [
        'ct_upgraded_1',
      ]);
      expect(rows[0]?.unsubscribed_all).toBe(true);
    } finally {
      await t.dispose();
    }
  });
});
