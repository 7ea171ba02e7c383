import { type BootstrapResponse } from '@rapport/core';
import { BootstrapResponseSchema, ContactSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createTestSite, type Harness } from '../testing/testHarness.js';
import { verifyVisitorToken } from '../tokens/verifyVisitorToken.js';
import type { CreatedSite } from '../sites/createSite.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';

let h: Harness;
let site: CreatedSite;

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store, { name: 'Northwind Test', enabledWidgets: ['feedback', 'loyalty'], defaultLocale: 'en-GB' });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function bootstrap(options: { bearer?: string; headers?: Record<string, string>; on?: CreatedSite } = {}) {
  const response = await h.call('/v1/visitor/bootstrap', { site: options.on ?? site, ...options });
  expect(response.status).toBe(200);
  return BootstrapResponseSchema.parse(await response.json());
}

async function adminContact(externalId: string) {
  const response = await h.call(`/v1/admin/contacts/${externalId}`, { publishableKey: null, bearer: site.secretKey });
  expect(response.status).toBe(200);
  return ContactSchema.parse(await response.json());
}

async function contactRow(id: string) {
  const { rows } = await h.store.query<{ merged_into_id: string | null; anonymous_id: string | null; last_seen_at: Date; locale: string | null }>(
    'SELECT merged_into_id, anonymous_id, last_seen_at, locale FROM contacts WHERE id = $1',
    [id],
  );
  return rows[0];
}

describe('GET /v1/visitor/bootstrap', () => {
  it('describes the site and gives one slot per widget, null when switched off', async () => {
    const body = await bootstrap();
    expect(body.site).toEqual({ id: site.site.id, name: 'Northwind Test', defaultLocale: 'en-GB', enabledWidgets: ['feedback', 'loyalty'] });
    // Loyalty is switched on but the site has no program yet: nothing to show.
    expect(body.widgets).toEqual({ feedback: { enabled: true, surveys: [], replies: [] }, preferences: null, loyalty: null, owner: null });
    expect(JSON.stringify(body)).not.toContain(site.identitySecret);
  });

  it('creates an anonymous visitor and issues an anonymous token when no token is sent', async () => {
    const body = await bootstrap();
    expect(body.visitor).toMatchObject({ kind: 'anonymous', externalId: null, displayName: null });
    const token = body.visitor.anonymousToken;
    expect(token).toBeTypeOf('string');
    const verified = await verifyVisitorToken({ token: token ?? '', secret: site.site.serverSecret, siteId: site.site.id, now: h.clock.now() });
    expect(verified.ok && verified.claims).toMatchObject({ anon: true, aud: site.site.id, sub: expect.stringMatching(/^anon_/) });
    const row = await contactRow(body.visitor.contactId);
    expect(verified.ok && row?.anonymous_id).toBe(verified.ok ? verified.claims.sub : null);
    const again = await bootstrap();
    expect(again.visitor.contactId).not.toBe(body.visitor.contactId);
  });

  it('reuses the contact of an anonymous token, without issuing a new token, and bumps last_seen_at', async () => {
    const first = await bootstrap();
    h.clock.advance(60_000);
    const second = await bootstrap({ bearer: first.visitor.anonymousToken ?? '' });
    expect(second.visitor.contactId).toBe(first.visitor.contactId);
    expect(second.visitor.kind).toBe('anonymous');
    expect(second.visitor.anonymousToken).toBeUndefined();
    expect((await contactRow(first.visitor.contactId))?.last_seen_at).toEqual(h.clock.now());
  });

  it('upserts a known visitor from a signed token, recording name and email as traits', async () => {
    const token = await h.tokenFor(site, 'user_ada', { name: 'Ada Lovelace', email: 'ada@example.com' });
    const first = await bootstrap({ bearer: token });
    expect(first.visitor).toMatchObject({ kind: 'known', externalId: 'user_ada', displayName: 'Ada Lovelace' });
    expect(first.visitor.anonymousToken).toBeUndefined();
    const second = await bootstrap({ bearer: await h.tokenFor(site, 'user_ada', { name: 'Ada King' }) });
    expect(second.visitor.contactId).toBe(first.visitor.contactId);
    expect(second.visitor.displayName).toBe('Ada King');
    const contact = await adminContact('user_ada');
    expect(contact.traits).toEqual({ name: 'Ada King', email: 'ada@example.com' });
    expect(contact.anonymous).toBe(false);
  });

  it('merges the anonymous visitor into the known one once, carrying over its locale', async () => {
    const anon = await bootstrap();
    const anonToken = anon.visitor.anonymousToken ?? '';
    const patched = await h.call('/v1/visitor/profile', { site, bearer: anonToken, method: 'PATCH', body: { locale: 'fr-FR' } });
    expect(patched.status).toBe(200);
    const known = await bootstrap({ bearer: await h.tokenFor(site, 'user_merge'), headers: { 'x-rapport-anonymous-token': anonToken } });
    expect(known.visitor).toMatchObject({ kind: 'known', externalId: 'user_merge', locale: 'fr-FR' });
    expect((await contactRow(anon.visitor.contactId))?.merged_into_id).toBe(known.visitor.contactId);
    expect((await adminContact('user_merge')).locale).toBe('fr-FR');

    // Once merged, another known visitor presenting the same anonymous token takes nothing.
    const other = await bootstrap({ bearer: await h.tokenFor(site, 'user_other'), headers: { 'x-rapport-anonymous-token': anonToken } });
    expect(other.visitor.locale).toBeNull();
    expect((await contactRow(anon.visitor.contactId))?.merged_into_id).toBe(known.visitor.contactId);
  });

  it('retires a merged anonymous identity: the old token gets a fresh anonymous visitor', async () => {
    const anon = await bootstrap();
    const anonToken = anon.visitor.anonymousToken ?? '';
    await bootstrap({ bearer: await h.tokenFor(site, 'user_retire'), headers: { 'x-rapport-anonymous-token': anonToken } });
    const after = await bootstrap({ bearer: anonToken });
    expect(after.visitor.kind).toBe('anonymous');
    expect(after.visitor.contactId).not.toBe(anon.visitor.contactId);
    expect(after.visitor.anonymousToken).toBeTypeOf('string');
  });

  it('ignores a merge token that is forged, known, or from another site', async () => {
    const otherSite = await createTestSite(h.store);
    const foreignAnon = (await bootstrap({ on: otherSite })).visitor;
    const localAnon = (await bootstrap()).visitor;
    const forged = `${(localAnon.anonymousToken ?? '').slice(0, -4)}AAAA`;
    const knownAsMerge = await h.tokenFor(site, 'user_known_merge');
    for (const mergeToken of [forged, foreignAnon.anonymousToken ?? '', knownAsMerge, 'garbage']) {
      const body = await bootstrap({ bearer: await h.tokenFor(site, 'user_no_merge'), headers: { 'x-rapport-anonymous-token': mergeToken } });
      expect(body.visitor.kind).toBe('known');
    }
    expect((await contactRow(localAnon.contactId))?.merged_into_id).toBeNull();
    expect((await contactRow(foreignAnon.contactId))?.merged_into_id).toBeNull();
  });

  it('keeps sites apart: the same external id is two contacts on two sites', async () => {
    const otherSite = await createTestSite(h.store);
    const a = await bootstrap({ bearer: await h.tokenFor(site, 'user_shared') });
    const b: BootstrapResponse = await bootstrap({ on: otherSite, bearer: await h.tokenFor(otherSite, 'user_shared') });
    expect(a.visitor.contactId).not.toBe(b.visitor.contactId);
    expect(b.site.id).toBe(otherSite.site.id);
  });

  it('refuses query parameters: nothing in the URL can choose a contact', async () => {
    const response = await h.call('/v1/visitor/bootstrap?externalId=user_ada', { site });
    expect(response.status).toBe(422);
  });
});
