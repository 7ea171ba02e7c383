import { ContactPreferencesSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import { createSilentLogger } from '../logger.js';
import { createPreferencesKit, type PreferencesKit } from '../testing/createPreferencesKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { failAfterWebhookEventStore } from '../testing/failAfterWebhookEventStore.js';
import { readWebhookEvents } from '../testing/readWebhookEvents.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: PreferencesKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createPreferencesKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const events = async (contactExternalId: string) =>
  (await readWebhookEvents(h.store, kit.site.site.id)).filter((e) => (e.payload.data.contact as { externalId: string | null }).externalId === contactExternalId);
const failingApp = () =>
  createApp({ store: failAfterWebhookEventStore(h.store), clock: h.clock.now, logger: createSilentLogger(), rateLimit: false });

describe('preferences webhook events', () => {
  it('writes one preferences.changed per request, each change with the consent event recording it; no-ops and replays write none', async () => {
    const token = await kit.visitor('wh_pref_changed');
    const change = { choices: [{ topicId: 'offers', channel: 'sms' as const, granted: true }, { topicId: 'events', channel: 'post' as const, granted: true }] };
    const keyed = { 'idempotency-key': 'wh-pref-1' };
    expect((await kit.change(token, change, keyed)).status).toBe(200);
    expect((await kit.change(token, change, keyed)).status).toBe(200);
    expect((await kit.change(token, change)).status).toBe(200);
    const history = await kit.history('wh_pref_changed');
    const written = await events('wh_pref_changed');
    expect(written.map((e) => e.type)).toEqual(['preferences.changed']);
    expect(written[0]?.payload.data).toMatchObject({
      source: 'widget',
      resubscribed: false,
      changes: [
        { topicId: 'offers', channel: 'sms', state: 'granted', consentEventId: history[0]!.id },
        { topicId: 'events', channel: 'post', state: 'granted', consentEventId: history[1]!.id },
      ],
    });

    await kit.changeOk(token, { choices: [{ topicId: 'offers', channel: 'sms', granted: false }], frequencies: [{ topicId: 'offers', frequency: 'weekly' }] });
    await kit.changeOk(token, { frequencies: [{ topicId: 'newsletter', frequency: 'daily' }] });
    const after = await events('wh_pref_changed');
    expect(after.map((e) => e.type)).toEqual(['preferences.changed', 'preferences.changed']);
    expect(after[1]?.payload.data.changes).toEqual([expect.objectContaining({ topicId: 'offers', channel: 'sms', state: 'withdrawn' })]);
  });

  it('writes preferences.paused for a pause and for a resume (pausedUntil null), and preferences.unsubscribed_all', async () => {
    const token = await kit.visitor('wh_pref_pause');
    const pauseUntil = new Date(h.clock.now().getTime() + 30 * 86_400_000).toISOString();
    await kit.changeOk(token, { pauseUntil });
    await kit.changeOk(token, { pauseUntil });
    await kit.changeOk(token, { pauseUntil: null });
    await kit.changeOk(token, { unsubscribeAll: true });
    await kit.changeOk(token, { unsubscribeAll: true });
    const history = await kit.history('wh_pref_pause');
    const written = await events('wh_pref_pause');
    expect(written.map((e) => [e.type, e.payload.data.pausedUntil, e.payload.data.consentEventId])).toEqual([
      ['preferences.paused', pauseUntil, history[0]!.id],
      ['preferences.paused', null, history[1]!.id],
      ['preferences.unsubscribed_all', undefined, history[2]!.id],
    ]);
    // Opting in again lifts the unsubscribe: one preferences.changed says so.
    await kit.changeOk(token, { choices: [{ topicId: 'offers', channel: 'sms', granted: true }] });
    const last = (await events('wh_pref_pause')).at(-1);
    expect(last?.payload.data).toMatchObject({ resubscribed: true, changes: [{ topicId: 'offers', channel: 'sms', state: 'granted' }] });
  });

  it('writes preferences.unsubscribed_all for a one-click unsubscribe once, however often the link is posted', async () => {
    const token = await kit.visitor('wh_pref_oneclick');
    await kit.changeOk(token, { choices: [{ topicId: 'offers', channel: 'sms', granted: true }] });
    const { oneClickUnsubscribeUrl } = ContactPreferencesSchema.parse(await (await kit.admin('/contacts/wh_pref_oneclick/preferences')).json());
    const path = new URL(oneClickUnsubscribeUrl).pathname;
    for (let i = 0; i < 2; i += 1) expect((await h.call(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: FORM })).status).toBe(200);
    const written = await events('wh_pref_oneclick');
    expect(written.map((e) => e.type)).toEqual(['preferences.changed', 'preferences.unsubscribed_all']);
    expect(written[1]?.payload.data).toMatchObject({ source: 'one_click' });
  });

  it('writes pending on an email opt-in, then preferences.changed and preferences.confirmed from the link, once', async () => {
    const token = await kit.visitor('wh_pref_confirm', 'confirm@example.com');
    await kit.changeOk(token, { choices: [{ topicId: 'newsletter', channel: 'email', granted: true }] });
    const [pending] = await kit.pendingConfirmations('wh_pref_confirm');
    expect((await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: pending!.token } })).status).toBe(200);
    expect((await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: pending!.token } })).status).toBe(404);
    const history = await kit.history('wh_pref_confirm');
    const written = await events('wh_pref_confirm');
    expect(written.map((e) => e.type)).toEqual(['preferences.changed', 'preferences.changed', 'preferences.confirmed']);
    expect(written[0]?.payload.data.changes).toEqual([{ topicId: 'newsletter', channel: 'email', state: 'pending', consentEventId: history[0]!.id }]);
    expect(written[1]?.payload.data).toMatchObject({ source: 'confirmation_link', changes: [{ state: 'granted', consentEventId: history[1]!.id }] });
    expect(written[2]?.payload.data).toMatchObject({ topicId: 'newsletter', channel: 'email', consentEventId: history[1]!.id });
  });

  it('writes nothing for a refused change, nor when the transaction rolls back after the event', async () => {
    const token = await kit.visitor('wh_pref_rollback');
    const before = await kit.eventCount();
    expect((await kit.change(token, { choices: [{ topicId: 'orders', channel: 'email', granted: false }] })).status).toBe(422);
    const body = { catalogVersion: kit.catalog.version, choices: [{ topicId: 'offers', channel: 'sms', granted: true }] };
    const failed = await h.call('/v1/visitor/preferences', { site: kit.site, bearer: token, method: 'PATCH', body }, failingApp());
    expect(failed.status).toBe(500);
    expect(await events('wh_pref_rollback')).toEqual([]);
    expect(await kit.eventCount()).toBe(before);
  });
});
