import { type Contact } from '@rapport/core';
import { ContactPageSchema, ContactSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretKey } from '../sites/createSecretKey.js';
import type { CreatedSite } from '../sites/createSite.js';
import { createHarness, createTestSite, readError, type CallOptions, type Harness } from '../testing/testHarness.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';

let h: Harness;
let site: CreatedSite;

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

function admin(path: string, options: CallOptions = {}, on: CreatedSite = site) {
  return h.call(`/v1/admin${path}`, { publishableKey: null, bearer: on.secretKey, ...options });
}

async function put(externalId: string, body: unknown, on: CreatedSite = site) {
  return admin(`/contacts/${encodeURIComponent(externalId)}`, { method: 'PUT', body }, on);
}

describe('admin authentication', () => {
  it('needs a secret key', async () => {
    const response = await h.call('/v1/admin/contacts', {});
    expect(response.status).toBe(401);
    expect((await readError(response)).code).toBe('unauthorized');
  });

  it('refuses a publishable key, as bearer or as x-rapport-key', async () => {
    const asBearer = await h.call('/v1/admin/contacts', { publishableKey: null, bearer: site.publishableKey });
    expect(asBearer.status).toBe(401);
    expect((await readError(asBearer)).message).toMatch(/Publishable keys/);
    expect((await h.call('/v1/admin/contacts', { site })).status).toBe(401);
  });

  it('refuses a wrong secret key, a visitor token, and a near miss of the right key', async () => {
    for (const bearer of ['sk_live_wrong', `${site.secretKey.slice(0, -1)}${site.secretKey.endsWith('A') ? 'B' : 'A'}`, await h.tokenFor(site, 'user_x')]) {
      const response = await h.call('/v1/admin/contacts', { publishableKey: null, bearer });
      expect(response.status).toBe(401);
    }
  });

  it('refuses a revoked key and accepts a rotated one', async () => {
    const rotating = await createTestSite(h.store);
    const next = await createSecretKey(h.store, rotating.site.id);
    expect(next.secretKey).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    await h.store.query('UPDATE site_secret_keys SET revoked_at = now() WHERE id <> $1 AND site_id = $2', [next.id, rotating.site.id]);
    expect((await admin('/contacts', {}, rotating)).status).toBe(401);
    expect((await h.call('/v1/admin/contacts', { publishableKey: null, bearer: next.secretKey })).status).toBe(200);
    const { rows } = await h.store.query<{ key_hash: string; prefix: string }>('SELECT key_hash, prefix FROM site_secret_keys WHERE id = $1', [next.id]);
    expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.key_hash).not.toContain(next.secretKey);
    expect(next.secretKey.startsWith(rows[0]?.prefix ?? '!')).toBe(true);
  });

  it('only sees its own site', async () => {
    const other = await createTestSite(h.store);
    await put('user_only_other', { traits: { a: 1 } }, other);
    expect((await admin('/contacts/user_only_other')).status).toBe(404);
  });
});

describe('PUT /v1/admin/contacts/{externalId}', () => {
  it('creates (201), then merges traits (200); null removes a trait', async () => {
    const created = await put('user_put', { traits: { plan: 'basic', vip: false }, locale: 'en-GB' });
    expect(created.status).toBe(201);
    const contact = ContactSchema.parse(await created.json());
    expect(contact).toMatchObject({ externalId: 'user_put', anonymous: false, traits: { plan: 'basic', vip: false }, locale: 'en-GB', timeZone: null, mergedIntoId: null });
    expect(contact.createdAt).toBe(h.clock.now().toISOString());

    const updated = await put('user_put', { traits: { plan: 'gold', vip: null, visits: 3 }, timeZone: 'Europe/London' });
    expect(updated.status).toBe(200);
    expect(ContactSchema.parse(await updated.json())).toMatchObject({ traits: { plan: 'gold', visits: 3 }, locale: 'en-GB', timeZone: 'Europe/London' });
    const cleared = ContactSchema.parse(await (await put('user_put', { locale: null })).json());
    expect(cleared.locale).toBeNull();
    expect(cleared.traits).toEqual({ plan: 'gold', visits: 3 });
  });

  it('validates the body and the external id', async () => {
    const unknown = await put('user_v', { traits: {}, owner: 'me' });
    expect(unknown.status).toBe(422);
    expect((await readError(unknown)).issues).toEqual([{ path: ['owner'], message: 'Unknown field', code: 'unrecognized_keys' }]);
    const wrong = await put('user_v', { traits: { nested: { a: 1 } } });
    expect(wrong.status).toBe(422);
    expect((await readError(wrong)).issues?.[0]?.path).toEqual(['traits', 'nested']);
    const badId = await put('has space', { traits: {} });
    expect(badId.status).toBe(422);
    expect((await readError(badId)).issues?.[0]?.path).toEqual(['path', 'externalId']);
  });

  it('keeps at most 50 traits', async () => {
    const traits = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, i]));
    expect((await put('user_many', { traits })).status).toBe(201);
    const over = await put('user_many', { traits: { one_more: true } });
    expect(over.status).toBe(422);
    expect((await readError(over)).issues?.[0]?.path).toEqual(['traits']);
    expect((await put('user_many', { traits: { t0: null, one_more: true } })).status).toBe(200);
  });
});

describe('GET /v1/admin/contacts', () => {
  it('pages newest first with a keyset cursor, without gaps or repeats', async () => {
    const pager = await createTestSite(h.store);
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      h.clock.advance(i % 3 === 0 ? 0 : 1000); // several contacts share a created_at
      ids.push(((await (await put(`user_page_${i}`, { traits: { i } }, pager)).json()) as Contact).id);
    }
    const seen: Contact[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : '?limit=3';
      const response = await admin(`/contacts${query}`, {}, pager);
      expect(response.status).toBe(200);
      const page = ContactPageSchema.parse(await response.json());
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen.map((c) => c.id)).size).toBe(7);
    const order = seen.map((c) => [c.createdAt, c.id] as const);
    const sorted = [...order].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? 1 : -1) : a[0] < b[0] ? 1 : -1));
    expect(order).toEqual(sorted);
    expect(seen[0]?.createdAt).toBe(h.clock.now().toISOString());
    expect(seen.map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it('defaults to 20 per page and validates limit, cursor and unknown parameters', async () => {
    expect((await admin('/contacts')).status).toBe(200);
    for (const query of ['?limit=0', '?limit=101', '?limit=abc', '?cursor=not-a-cursor', '?sort=asc', '?limit=1&limit=2']) {
      const response = await admin(`/contacts${query}`);
      expect(response.status, query).toBe(422);
      expect((await readError(response)).code).toBe('validation_failed');
    }
  });
});

describe('GET /v1/admin/contacts/{externalId}', () => {
  it('returns the contact, or 404 not_found', async () => {
    await put('user_get', { traits: { name: 'Grace' } });
    const found = await admin('/contacts/user_get');
    expect(found.status).toBe(200);
    expect(ContactSchema.parse(await found.json()).traits).toEqual({ name: 'Grace' });
    const missing = await admin('/contacts/user_missing');
    expect(missing.status).toBe(404);
    expect((await readError(missing)).code).toBe('not_found');
  });

  it('never answers visitor endpoints with a secret key', async () => {
    const response = await h.call('/v1/visitor/bootstrap', { publishableKey: site.secretKey });
    expect(response.status).toBe(401);
  });
});
