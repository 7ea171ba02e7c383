import { ContactPreferencesSchema, PendingConfirmationListSchema, PreferenceStateSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function unsubscribeUrl(externalId: string): Promise<string> {
  const response = await kit.admin(`/contacts/${externalId}/preferences`);
  expect(response.status).toBe(200);
  const { oneClickUnsubscribeUrl } = ContactPreferencesSchema.parse(await response.json());
  expect(oneClickUnsubscribeUrl).toMatch(/^http:\/\/localhost\/v1\/unsubscribe\/[A-Za-z0-9_-]{43}$/);
  return new URL(oneClickUnsubscribeUrl).pathname;
}

async function pendingFor(externalId: string) {
  const response = await kit.admin('/preferences/confirmations');
  expect(response.status).toBe(200);
  return PendingConfirmationListSchema.parse(await response.json()).items.filter((item) => item.externalId === externalId);
}

describe('RFC 8058 one-click unsubscribe', () => {
  it('unsubscribes from all marketing on POST without credentials, answers 200 without redirect, and is idempotent', async () => {
    const token = await kit.visitor('user_oneclick');
    await kit.changeOk(token, { choices: [{ topicId: 'offers', channel: 'sms', granted: true }, { topicId: 'events', channel: 'post', granted: true }] });
    const path = await unsubscribeUrl('user_oneclick');

    const look = await h.call(path);
    expect(look.status).toBe(200);
    expect(await look.json()).toMatchObject({ unsubscribed: false });
    const before = await kit.eventCount();
    expect((await kit.history('user_oneclick')).map((e) => e.action)).toEqual(['granted', 'granted']);

    const wrongBody = await h.call(path, { method: 'POST', body: 'List-Unsubscribe=Maybe', headers: FORM });
    expect(wrongBody.status).toBe(400);
    expect(await kit.eventCount()).toBe(before);

    const first = await h.call(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: FORM });
    expect(first.status).toBe(200);
    expect(first.headers.get('location')).toBeNull();
    const events = await kit.history('user_oneclick');
    expect(events.at(-1)).toMatchObject({ action: 'unsubscribed_all', source: 'one_click', topicId: null, channel: null });
    const second = await h.call(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: FORM });
    expect(second.status).toBe(200);
    expect(await kit.history('user_oneclick')).toHaveLength(events.length);

    const state = ContactPreferencesSchema.parse(await (await kit.admin('/contacts/user_oneclick/preferences')).json()).state;
    expect(state.unsubscribedAll).toBe(true);
    expect(stateOf(state, 'offers', 'sms')).toBe('off');
    expect(stateOf(state, 'orders', 'email')).toBe('on');
    expect(await (await h.call(path)).json()).toMatchObject({ unsubscribed: true });
  });

  it('refuses forged and unknown tokens with 404', async () => {
    await kit.changeOk(await kit.visitor('user_forged'), { choices: [{ topicId: 'offers', channel: 'sms', granted: true }] });
    const path = await unsubscribeUrl('user_forged');
    const forged = `${path.slice(0, -1)}${path.endsWith('A') ? 'B' : 'A'}`;
    for (const target of [forged, '/v1/unsubscribe/not-a-token']) {
      const post = await h.call(target, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: FORM });
      expect(post.status).toBe(404);
      expect((await readError(post)).code).toBe('not_found');
      expect((await h.call(target)).status).toBe(404);
    }
    expect((await kit.history('user_forged')).map((e) => e.action)).toEqual(['granted']);
  });
});

describe('double opt-in', () => {
  it('keeps an email opt-in pending until the link confirms it, then records granted with confirmedAt', async () => {
    const token = await kit.visitor('user_doi', 'doi@example.com');
    const state = await kit.changeOk(token, { choices: [{ topicId: 'newsletter', channel: 'email', granted: true }] });
    expect(stateOf(state, 'newsletter', 'email')).toBe('pending');
    const [pending] = await pendingFor('user_doi');
    expect(pending).toMatchObject({ topicId: 'newsletter', channel: 'email', email: 'doi@example.com' });
    expect(new Date(pending!.expiresAt).getTime() - new Date(pending!.createdAt).getTime()).toBe(7 * 86_400_000);
    const { rows } = await h.store.query<{ token_hash: string }>('SELECT token_hash FROM preference_confirmations WHERE site_id = $1', [kit.site.site.id]);
    expect(rows.map((r) => r.token_hash)).not.toContain(pending!.token);

    h.clock.advance(3_600_000);
    const confirmed = await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: pending!.token } });
    expect(confirmed.status).toBe(200);
    expect(stateOf(PreferenceStateSchema.parse(await confirmed.json()), 'newsletter', 'email')).toBe('on');
    const events = await kit.history('user_doi');
    expect(events.map((e) => [e.action, e.source])).toEqual([['pending', 'widget'], ['granted', 'confirmation_link']]);
    expect(events[1]).toMatchObject({ confirmedAt: h.clock.now().toISOString(), wording: events[0]!.wording, wordingHash: events[0]!.wordingHash });

    const reused = await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: pending!.token } });
    expect(reused.status).toBe(404);
    expect(await pendingFor('user_doi')).toEqual([]);
  });

  it('refuses expired, withdrawn and forged tokens with 404', async () => {
    const token = await kit.visitor('user_doi_old');
    await kit.changeOk(token, { choices: [{ topicId: 'offers', channel: 'email', granted: true }, { topicId: 'events', channel: 'email', granted: true }] });
    const open = await pendingFor('user_doi_old');
    const offers = open.find((p) => p.topicId === 'offers');
    const events = open.find((p) => p.topicId === 'events');
    await kit.changeOk(token, { choices: [{ topicId: 'events', channel: 'email', granted: false }] });
    expect((await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: events!.token } })).status).toBe(404);
    expect((await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: 'x'.repeat(43) } })).status).toBe(404);
    h.clock.advance(7 * 86_400_000 + 1);
    expect((await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: offers!.token } })).status).toBe(404);
    h.clock.advance(-(7 * 86_400_000 + 1));
  });
});

describe('double opt-in from the confirmation page in the browser', () => {
  const ORIGIN = 'https://shop.example.com';

  async function pendingToken(externalId: string, topicId: string): Promise<string> {
    await kit.changeOk(await kit.visitor(externalId), { choices: [{ topicId, channel: 'email', granted: true }] });
    const item = (await pendingFor(externalId)).find((p) => p.topicId === topicId);
    return item!.token;
  }

  it('confirms with the publishable key and no visitor token, readable cross-origin, errors included', async () => {
    const token = await pendingToken('user_page', 'newsletter');
    const confirm = () =>
      h.call('/v1/visitor/preferences/confirm', { site: kit.site, origin: ORIGIN, method: 'POST', body: { token } });
    const first = await confirm();
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(stateOf(PreferenceStateSchema.parse(await first.json()), 'newsletter', 'email')).toBe('on');
    expect((await kit.history('user_page')).map((e) => [e.action, e.source])).toEqual([
      ['pending', 'widget'],
      ['granted', 'confirmation_link'],
    ]);

    const again = await confirm();
    expect(again.status).toBe(404);
    expect(again.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await readError(again)).code).toBe('not_found');
  });

  it('refuses a link of another site and an origin the key does not allow, changing nothing', async () => {
    const token = await pendingToken('user_page_other', 'offers');
    const other = await createPreferencesKit(h);
    const elsewhere = await h.call('/v1/visitor/preferences/confirm', { site: other.site, origin: ORIGIN, method: 'POST', body: { token } });
    expect(elsewhere.status).toBe(404);
    const foreign = await h.call('/v1/visitor/preferences/confirm', {
      site: kit.site,
      origin: 'https://evil.example.net',
      method: 'POST',
      body: { token },
    });
    expect(foreign.status).toBe(403);
    expect((await kit.history('user_page_other')).map((e) => e.action)).toEqual(['pending']);
    expect(await pendingFor('user_page_other')).toHaveLength(1);
  });
});
