import { BootstrapResponseSchema, PreferenceExportSchema } from '@rapport/core/schemas';
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

async function bootstrap(token?: string) {
  const response = await h.call('/v1/visitor/bootstrap', { site: kit.site, ...(token ? { bearer: token } : {}) });
  expect(response.status).toBe(200);
  return BootstrapResponseSchema.parse(await response.json());
}

describe('preferences bootstrap slot', () => {
  it('starts every marketing choice off, required topics on, and gives anonymous visitors no state', async () => {
    const slot = (await bootstrap(await kit.visitor('user_defaults'))).widgets.preferences;
    expect(slot?.catalog.version).toBe(kit.catalog.version);
    const state = slot!.state!;
    for (const topic of kit.catalog.topics) {
      for (const channel of topic.channels) expect(stateOf(state, topic.id, channel)).toBe(topic.required ? 'on' : 'off');
    }
    expect(state.topics.find((t) => t.topicId === 'newsletter')?.frequency).toBe('weekly');
    expect(state.topics.find((t) => t.topicId === 'events')?.frequency).toBeNull();
    expect(state).toMatchObject({ pausedUntil: null, unsubscribedAll: false });
    expect((await bootstrap()).widgets.preferences).toMatchObject({ enabled: true, state: null });
  });
});

describe('PATCH /v1/visitor/preferences', () => {
  it('records every transition with who, what, how, the exact wording and its hash, version, locale and time', async () => {
    const token = await kit.visitor('user_log', 'log@example.com');
    const pauseUntil = new Date(h.clock.now().getTime() + 30 * 86_400_000).toISOString();
    let state = await kit.changeOk(token, { locale: 'en-GB', choices: [{ topicId: 'offers', channel: 'sms', granted: true }, { topicId: 'offers', channel: 'email', granted: true }] });
    expect(stateOf(state, 'offers', 'sms')).toBe('on');
    expect(stateOf(state, 'offers', 'email')).toBe('pending');
    state = await kit.changeOk(token, { frequencies: [{ topicId: 'offers', frequency: 'weekly' }], pauseUntil });
    expect(state.pausedUntil).toBe(pauseUntil);
    state = await kit.changeOk(token, { pauseUntil: null, choices: [{ topicId: 'offers', channel: 'sms', granted: false }] });
    expect(stateOf(state, 'offers', 'sms')).toBe('off');
    state = await kit.changeOk(token, { unsubscribeAll: true });
    expect(state.unsubscribedAll).toBe(true);
    expect(stateOf(state, 'offers', 'email')).toBe('off');
    expect(stateOf(state, 'orders', 'email')).toBe('on');
    state = await kit.changeOk(token, { unsubscribeAll: false });
    expect(state.unsubscribedAll).toBe(false);

    const events = await kit.history('user_log');
    expect(events.map((e) => [e.action, e.topicId, e.channel])).toEqual([
      ['granted', 'offers', 'sms'],
      ['pending', 'offers', 'email'],
      ['frequency', 'offers', null],
      ['paused', null, null],
      ['withdrawn', 'offers', 'sms'],
      ['resumed', null, null],
      ['unsubscribed_all', null, null],
      ['resubscribed_all', null, null],
    ]);
    events.forEach((event, i) => {
      expect(event).toMatchObject({ sequence: i + 1, source: 'widget', catalogVersion: kit.catalog.version, occurredAt: h.clock.now().toISOString(), confirmedAt: null });
      expect(event.wordingHash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.previousHash).toBe(i === 0 ? null : events[i - 1]!.hash);
      expect(JSON.parse(event.wording)).toMatchObject({ statement: kit.catalog.statement });
    });
    expect(events[0]!.locale).toBe('en-GB');
    expect(JSON.parse(events[0]!.wording)).toEqual({
      statement: kit.catalog.statement,
      topic: { id: 'offers', label: 'Offers', description: 'Discounts, bundles and members-only prices.' },
      channel: { id: 'sms', label: 'Text message', description: 'To your mobile number, never after 8 pm.' },
    });
    expect(events[2]!.frequency).toBe('weekly');
    expect(events[3]!.pausedUntil).toBe(pauseUntil);
  });

  it('records nothing for a change to what already holds', async () => {
    const token = await kit.visitor('user_noop');
    await kit.changeOk(token, { choices: [{ topicId: 'events', channel: 'sms', granted: true }] });
    const before = await kit.eventCount();
    await kit.changeOk(token, { choices: [{ topicId: 'events', channel: 'sms', granted: true }, { topicId: 'events', channel: 'post', granted: false }], pauseUntil: null });
    expect(await kit.eventCount()).toBe(before);
  });

  it('refuses an unknown topic or channel, a channel the topic lacks, a required topic and a bad pause with 422, recording nothing', async () => {
    const token = await kit.visitor('user_invalid');
    const before = await kit.eventCount();
    const bad = [
      { choices: [{ topicId: 'offers', channel: 'sms', granted: true }, { topicId: 'nope', channel: 'email', granted: true }] },
      { choices: [{ topicId: 'offers', channel: 'sms', granted: true }, { topicId: 'offers', channel: 'post', granted: true }] },
      { choices: [{ topicId: 'offers', channel: 'fax', granted: true }] },
      { choices: [{ topicId: 'orders', channel: 'email', granted: false }] },
      { choices: [{ topicId: 'security', channel: 'sms', granted: true }] },
      { frequencies: [{ topicId: 'events', frequency: 'daily' }] },
      { pauseUntil: new Date(h.clock.now().getTime() + 400 * 86_400_000).toISOString() },
      { pauseUntil: new Date(h.clock.now().getTime() - 1000).toISOString() },
    ];
    for (const body of bad) {
      const response = await kit.change(token, body as never);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect((await readError(response)).code).toBe('validation_failed');
    }
    expect(await kit.eventCount()).toBe(before);
  });

  it('answers 409 conflict for a stale catalog version', async () => {
    const token = await kit.visitor('user_stale');
    const response = await kit.change(token, { catalogVersion: kit.catalog.version + 1, unsubscribeAll: true });
    expect(response.status).toBe(409);
    expect((await readError(response)).code).toBe('conflict');
  });

  it('is idempotent with Idempotency-Key', async () => {
    const token = await kit.visitor('user_idem');
    const body = { choices: [{ topicId: 'offers', channel: 'push' as const, granted: true }] };
    const first = await kit.change(token, body, { 'Idempotency-Key': 'pref-1' });
    const before = await kit.eventCount();
    const again = await kit.change(token, body, { 'Idempotency-Key': 'pref-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await kit.eventCount()).toBe(before);
  });

  it('refuses anonymous visitors (no one to reach) and requests without a token', async () => {
    const anonymous = (await bootstrap()).visitor.anonymousToken!;
    expect((await kit.change(anonymous, { unsubscribeAll: true })).status).toBe(403);
    expect((await h.call('/v1/visitor/preferences/export', { site: kit.site, bearer: anonymous })).status).toBe(403);
    const none = await h.call('/v1/visitor/preferences', { site: kit.site, method: 'PATCH', body: { catalogVersion: 1 } });
    expect(none.status).toBe(401);
  });

  it('never lets a visitor read or touch another visitor’s preferences', async () => {
    const a = await kit.visitor('user_iso_a', 'a@example.com');
    const b = await kit.visitor('user_iso_b');
    await kit.changeOk(a, { choices: [{ topicId: 'offers', channel: 'sms', granted: true }] });
    const stateB = await kit.changeOk(b, { choices: [{ topicId: 'offers', channel: 'push', granted: true }] });
    expect(stateOf(stateB, 'offers', 'sms')).toBe('off');
    const contactA = (await bootstrap(a)).visitor.contactId;
    const spoof = await kit.change(b, { contactId: contactA, unsubscribeAll: true } as never);
    expect(spoof.status).toBe(422);
    const viaHeader = await kit.change(b, { unsubscribeAll: true }, { 'x-rapport-contact-id': contactA, 'x-rapport-external-id': 'user_iso_a' });
    expect(viaHeader.status).toBe(200);
    expect((await bootstrap(a)).widgets.preferences?.state?.unsubscribedAll).toBe(false);
    const exportB = PreferenceExportSchema.parse(await (await h.call('/v1/visitor/preferences/export', { site: kit.site, bearer: b })).json());
    expect(exportB.contact.externalId).toBe('user_iso_b');
    expect(exportB.history.every((e) => e.contactId !== contactA)).toBe(true);
    expect((await kit.history('user_iso_a')).map((e) => e.action)).toEqual(['granted']);
  });

  it('exports the visitor’s own state and history', async () => {
    const token = await kit.visitor('user_export', 'export@example.com');
    await kit.changeOk(token, { choices: [{ topicId: 'newsletter', channel: 'post', granted: true }] });
    const response = await h.call('/v1/visitor/preferences/export', { site: kit.site, bearer: token });
    expect(response.status).toBe(200);
    const body = PreferenceExportSchema.parse(await response.json());
    expect(body.contact).toEqual({ externalId: 'user_export', email: 'export@example.com' });
    expect(stateOf(body.state, 'newsletter', 'post')).toBe('on');
    expect(body.history.map((e) => e.action)).toEqual(['granted']);
  });
});
