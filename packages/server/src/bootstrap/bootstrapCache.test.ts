import { BootstrapResponseSchema } from '@rapport/core/schemas';
import { award, putCatalog, putProgram, putStaff, touch, OFFICE_HOURS, type AdminTarget } from '@rapport/testing';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import type { AppEnv } from '../http/AppEnv.js';
import { createSilentLogger } from '../logger.js';
import type { CreatedSite } from '../sites/createSite.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { recordingStore } from '../testing/recordingStore.js';
import { createHarness, createTestSite, type Harness } from '../testing/testHarness.js';

// The bootstrap of a returning visitor is a read answered from a per-instance cache (issue 17). These tests attack
// the cache where it could lie: two app instances over one database (each with its own cache), writes of every kind
// through the other one, time passing with nothing written, and the statements a cached answer still runs.

let h: Harness;
let site: CreatedSite;
/** Every statement the recording instance ran, in order. */
const statements: string[] = [];
let a: Hono<AppEnv>;
let b: Hono<AppEnv>;


beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store, { name: 'Cache Shop', enabledWidgets: ['feedback', 'preferences', 'loyalty', 'owner'] });
  a = h.app;
  b = createApp({ store: recordingStore(h.store, statements), clock: h.clock.now, logger: createSilentLogger(), rateLimit: false });
  const target: AdminTarget = { app: a, seeded: { secretKey: site.secretKey } };
  await putCatalog(target);
  await putProgram(target);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const target = (): AdminTarget => ({ app: a, seeded: { secretKey: site.secretKey } });

async function bootstrapOn(app: Hono<AppEnv>, token: string, etag?: string) {
  const response = await h.call('/v1/visitor/bootstrap', { site, bearer: token, headers: etag ? { 'if-none-match': etag } : {} }, app);
  const text = await response.text();
  return { response, status: response.status, etag: response.headers.get('etag'), body: response.status === 200 ? BootstrapResponseSchema.parse(JSON.parse(text)) : null, text };
}

async function adminCall(path: string, method: string, body?: unknown) {
  const response = await h.call(`/v1/admin${path}`, { publishableKey: null, bearer: site.secretKey, method, ...(body === undefined ? {} : { body }) }, a);
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

describe('the bootstrap of a returning visitor', () => {
  it('answers 304 without a body to the ETag it sent, and 200 with the body to any other', async () => {
    const token = await h.tokenFor(site, 'user_etag', { name: 'Etta' });
    const first = await bootstrapOn(b, token);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(first.response.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.response.headers.get('vary')).toMatch(/authorization/i);

    const again = await bootstrapOn(b, token, first.etag!);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.etag).toBe(first.etag);
    // Weak comparison, lists and `*` (RFC 9110): each names the current answer.
    expect((await bootstrapOn(b, token, `W/${first.etag}`)).status).toBe(304);
    expect((await bootstrapOn(b, token, `"other", ${first.etag}`)).status).toBe(304);
    expect((await bootstrapOn(b, token, '*')).status).toBe(304);
    const other = await bootstrapOn(b, token, '"not-this-one"');
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);
    // The other instance, with nothing cached, computes the same answer and the same tag.
    expect((await bootstrapOn(a, token, first.etag!)).status).toBe(304);
  });

  it('runs two reads and writes nothing when nothing changed', async () => {
    const token = await h.tokenFor(site, 'user_quiet', { name: 'Quinn' });
    await bootstrapOn(b, token);
    await bootstrapOn(b, token);
    statements.length = 0;
    const cached = await bootstrapOn(b, token);
    expect(cached.status).toBe(200);
    // On PostgreSQL the publishable key's site, then the contact with both change versions (each read gathered with
    // those of other visitors arriving together, see createReadBatcher): nothing else, and no transaction. On PGlite (only this process writes) nothing at all while nothing was written.
    expect(statements).toHaveLength(h.store.kind === 'pglite' ? 0 : 2);
    expect(statements.filter((sql) => /^(INSERT|UPDATE|DELETE|BEGIN)\b/i.test(sql))).toEqual([]);

    // Past a minute, last_seen_at is written (once a minute at most) and the answer rebuilt, the same as before.
    h.clock.advance(61_000);
    statements.length = 0;
    const later = await bootstrapOn(b, token, cached.etag!);
    expect(later.status).toBe(304);
    expect(statements.filter((sql) => /^(INSERT|UPDATE|DELETE)\b/i.test(sql))).toEqual([expect.stringMatching(/^UPDATE contacts SET last_seen_at/)]);
  });

  it('sees every kind of write made through another instance at once', async () => {
    const externalId = 'user_two_instances';
    const token = await h.tokenFor(site, externalId, { name: 'Tove' });
    let last = await bootstrapOn(b, token);
    /** The next bootstrap on B, sent the ETag B gave last: it must be a new answer. */
    const changed = async () => {
      const next = await bootstrapOn(b, token, last.etag!);
      expect(next.status).toBe(200);
      expect(next.etag).not.toBe(last.etag);
      last = next;
      return next.body!;
    };

    // The contact's own data: a loyalty award (ledger, account) written through A.
    const before = last.body!.widgets.loyalty?.card?.balance ?? 0;
    await award(target(), { externalId, orderId: 'order-1', points: 40, reason: 'Order #1' });
    expect((await changed()).widgets.loyalty?.card?.balance).toBe(before + 40);

    // The visitor's own choices, written through A.
    const patched = await h.call('/v1/visitor/preferences', {
      site,
      bearer: token,
      method: 'PATCH',
      body: { catalogVersion: 1, choices: [{ topicId: 'offers', channel: 'sms', granted: true }] },
    }, a);
    expect(patched.status).toBe(200);
    const offers = (await changed()).widgets.preferences?.state?.topics.find((topic) => topic.topicId === 'offers');
    expect(offers?.channels.find((channel) => channel.channel === 'sms')?.state).toBe('on');

    // Site data every visitor sees: a staff member, then an owner for this contact (a reply through A).
    await putStaff(target(), 'stf_ada', { displayName: 'Ada', role: 'Account manager', timeZone: 'Europe/London', weeklyHours: OFFICE_HOURS });
    await touch(target(), externalId, 'stf_ada');
    expect((await changed()).widgets.owner?.owner?.name).toBe('Ada');
    await putStaff(target(), 'stf_ada', { displayName: 'Ada Lovelace', role: 'Account manager', timeZone: 'Europe/London', weeklyHours: OFFICE_HOURS });
    expect((await changed()).widgets.owner?.owner?.name).toBe('Ada Lovelace');

    // A survey opened through A.
    const survey = await adminCall('/surveys', 'POST', { name: 'Cache NPS', kind: 'nps', question: 'Recommend us?', status: 'active' });
    expect((await changed()).widgets.feedback?.surveys.map((s) => s.id)).toContain(survey.id);

    // Nothing written since: B answers 304 again.
    expect((await bootstrapOn(b, token, last.etag!)).status).toBe(304);
  });

  it('changes when time alone changes the answer, with nothing written', async () => {
    const endsAt = new Date(h.clock.now().getTime() + 30_000).toISOString();
    const survey = await adminCall('/surveys', 'POST', { name: 'Short', kind: 'csat', question: 'Quick?', status: 'active', endsAt });
    const token = await h.tokenFor(site, 'user_time');
    const open = await bootstrapOn(b, token);
    expect(open.body!.widgets.feedback?.surveys.map((s) => s.id)).toContain(survey.id);
    expect((await bootstrapOn(b, token, open.etag!)).status).toBe(304);
    // 31 s later (well inside the cache's 60 s backstop) the survey has closed: the cached answer is not reused.
    h.clock.advance(31_000);
    const closed = await bootstrapOn(b, token, open.etag!);
    expect(closed.status).toBe(200);
    expect(closed.body!.widgets.feedback?.surveys.map((s) => s.id)).not.toContain(survey.id);
  });
});

describe('createBootstrapCache', () => {
  const entry = { siteVersion: '1', contactVersion: '2', builtAt: 1_000, expiresAt: 2_000, json: '{}', etag: '"e"' };
  const versions = { siteVersion: '1', contactVersion: '2' };

  it('serves an entry only for its versions, between the time it was built for and its expiry', async () => {
    const { createBootstrapCache } = await import('./createBootstrapCache.js');
    const cache = createBootstrapCache();
    cache.set('k', entry);
    expect(cache.get('k', versions, 1_500)).toBe(entry);
    expect(cache.get('k', { ...versions, contactVersion: '3' }, 1_500)).toBeUndefined();
    cache.set('k', entry);
    expect(cache.get('k', { ...versions, siteVersion: '0' }, 1_500)).toBeUndefined();
    cache.set('k', entry);
    // A clock set back before the build: the answer may be one of the future.
    expect(cache.get('k', versions, 999)).toBeUndefined();
    cache.set('k', entry);
    expect(cache.get('k', versions, 2_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps the most recently used entries up to its size', async () => {
    const { createBootstrapCache } = await import('./createBootstrapCache.js');
    const cache = createBootstrapCache({ maxEntries: 2 });
    cache.set('a', entry);
    cache.set('b', entry);
    expect(cache.get('a', versions, 1_500)).toBe(entry);
    cache.set('c', entry);
    expect(cache.get('b', versions, 1_500)).toBeUndefined();
    expect(cache.get('a', versions, 1_500)).toBe(entry);
    expect(cache.get('c', versions, 1_500)).toBe(entry);
    expect(() => createBootstrapCache({ maxEntries: -1 })).toThrow(TypeError);
  });
});
