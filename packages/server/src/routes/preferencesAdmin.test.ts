import { ContactPreferencesSchema, OptInRatesSchema, PreferenceCatalogSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PREFERENCE_CATALOG } from '../seed/demoPreferenceCatalog.js';
import { createPreferencesKit, stateOf, type PreferencesKit } from '../testing/createPreferencesKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, readError, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: PreferencesKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createPreferencesKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('admin preference catalog', () => {
  it('makes a new version and hash only when the wording changes', async () => {
    const current = PreferenceCatalogSchema.parse(await (await kit.admin('/preferences/catalog')).json());
    expect(current).toMatchObject({ version: 1, statement: DEMO_PREFERENCE_CATALOG.statement });
    const same = await kit.admin('/preferences/catalog', { method: 'PUT', body: DEMO_PREFERENCE_CATALOG });
    expect(same.status).toBe(200);
    expect(PreferenceCatalogSchema.parse(await same.json())).toMatchObject({ version: 1, wordingHash: current.wordingHash });

    const token = await kit.visitor('user_catalog');
    const oldVersion = kit.catalog.version;
    const changed = await kit.admin('/preferences/catalog', {
      method: 'PUT',
      body: { ...DEMO_PREFERENCE_CATALOG, statement: `${DEMO_PREFERENCE_CATALOG.statement} Updated.` },
    });
    expect(changed.status).toBe(201);
    const next = PreferenceCatalogSchema.parse(await changed.json());
    expect(next.version).toBe(2);
    expect(next.wordingHash).not.toBe(current.wordingHash);
    const stale = await kit.change(token, { catalogVersion: oldVersion, unsubscribeAll: true });
    expect(stale.status).toBe(409);
    kit.catalog = next;
    await kit.changeOk(token, { unsubscribeAll: true });
    expect((await kit.history('user_catalog'))[0]?.catalogVersion).toBe(2);
    // Putting the old wording back is a change too: a new version, never a rewrite of history.
    expect((await kit.putCatalog(DEMO_PREFERENCE_CATALOG)).version).toBe(3);
  });

  it('refuses a topic on a channel the catalog lacks, and needs the secret key', async () => {
    const bad = { ...DEMO_PREFERENCE_CATALOG, channels: DEMO_PREFERENCE_CATALOG.channels.filter((c) => c.id !== 'post') };
    const response = await kit.admin('/preferences/catalog', { method: 'PUT', body: bad });
    expect(response.status).toBe(422);
    expect((await readError(response)).code).toBe('validation_failed');
    expect((await h.call('/v1/admin/preferences/catalog', { site: kit.site })).status).toBe(401);
  });
});

describe('admin contact preferences', () => {
  it('reads and changes a contact’s choices (source admin), and keeps required topics locked', async () => {
    const token = await kit.visitor('user_admin');
    await kit.changeOk(token, { choices: [{ topicId: 'offers', channel: 'push', granted: true }] });
    const patch = await kit.admin('/contacts/user_admin/preferences', {
      method: 'PATCH',
      body: { catalogVersion: kit.catalog.version, choices: [{ topicId: 'offers', channel: 'push', granted: false }, { topicId: 'events', channel: 'sms', granted: true }] },
    });
    expect(patch.status).toBe(200);
    const locked = await kit.admin('/contacts/user_admin/preferences', {
      method: 'PATCH',
      body: { catalogVersion: kit.catalog.version, choices: [{ topicId: 'security', channel: 'email', granted: false }] },
    });
    expect(locked.status).toBe(422);
    const read = ContactPreferencesSchema.parse(await (await kit.admin('/contacts/user_admin/preferences')).json());
    expect(stateOf(read.state, 'offers', 'push')).toBe('off');
    expect(stateOf(read.state, 'events', 'sms')).toBe('on');
    expect(stateOf(read.state, 'security', 'email')).toBe('on');
    expect((await kit.history('user_admin')).map((e) => [e.action, e.source])).toEqual([
      ['granted', 'widget'],
      ['withdrawn', 'admin'],
      ['granted', 'admin'],
    ]);
    expect((await kit.admin('/contacts/nobody/preferences')).status).toBe(404);
    expect((await kit.admin('/contacts/nobody/consent-events')).status).toBe(404);
  });

  it('pause and unsubscribe-all leave required topics on', async () => {
    const token = await kit.visitor('user_pause');
    const state = await kit.changeOk(token, { pauseUntil: new Date(h.clock.now().getTime() + 86_400_000).toISOString(), unsubscribeAll: true });
    expect(state.pausedUntil).not.toBeNull();
    expect(stateOf(state, 'orders', 'email')).toBe('on');
    expect(stateOf(state, 'security', 'sms')).toBe('on');
  });
});

describe('opt-in rates', () => {
  it('counts opted-in and pending contacts per marketing topic × channel over known contacts', async () => {
    kit = await createPreferencesKit(h); // a fresh site, so only these four contacts count
    const visitors = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((id) => kit.visitor(id)));
    await kit.changeOk(visitors[0]!, { choices: [{ topicId: 'offers', channel: 'sms', granted: true }, { topicId: 'offers', channel: 'email', granted: true }] });
    await kit.changeOk(visitors[1]!, { choices: [{ topicId: 'offers', channel: 'sms', granted: true }] });
    await kit.changeOk(visitors[2]!, { choices: [{ topicId: 'offers', channel: 'sms', granted: true }] });
    await kit.changeOk(visitors[2]!, { unsubscribeAll: true });
    await kit.changeOk(visitors[3]!, { choices: [] });
    const response = await kit.admin('/preferences/rates');
    expect(response.status).toBe(200);
    const { items } = OptInRatesSchema.parse(await response.json());
    expect(items.find((i) => i.topicId === 'offers' && i.channel === 'sms')).toEqual({ topicId: 'offers', channel: 'sms', optedIn: 2, pending: 0, contacts: 4, rate: 0.5 });
    expect(items.find((i) => i.topicId === 'offers' && i.channel === 'email')).toEqual({ topicId: 'offers', channel: 'email', optedIn: 0, pending: 1, contacts: 4, rate: 0 });
    expect(items.some((i) => i.topicId === 'orders' || i.topicId === 'security')).toBe(false);
    expect(items).toHaveLength(kit.catalog.topics.filter((t) => !t.required).reduce((n, t) => n + t.channels.length, 0));
    const empty = await createPreferencesKit(h);
    const none = OptInRatesSchema.parse(await (await empty.admin('/preferences/rates')).json());
    expect(none.items.every((i) => i.rate === null && i.contacts === 0)).toBe(true);
  });
});
