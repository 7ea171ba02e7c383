import {
  CreatedSecretKeySchema,
  IdentitySecretRotatedSchema,
  PublishableKeySchema,
  SecretKeyInfoSchema,
  SiteAdminSchema,
} from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSite } from '../sites/createSite.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type CallOptions, type Harness } from '../testing/testHarness.js';
import { signVisitorToken } from '../tokens/signVisitorToken.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const DAY = 86_400_000;
const admin = (site: CreatedSite, path: string, options: CallOptions = {}, secretKey = site.secretKey) =>
  h.call(`/v1/admin/site${path}`, { publishableKey: null, bearer: secretKey, ...options });
const bootstrap = (publishableKey: string, options: CallOptions = {}) =>
  h.call('/v1/visitor/bootstrap', { publishableKey, origin: 'https://shop.example.com', ...options });

describe('GET /v1/admin/site', () => {
  it('describes the site of the key, never a secret', async () => {
    const site = await createTestSite(h.store);
    const response = await admin(site, '');
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = SiteAdminSchema.parse(JSON.parse(text));
    expect(body).toMatchObject({
      id: site.site.id,
      slug: site.site.slug,
      publishableKeys: [{ key: site.publishableKey, allowedOrigins: ['https://shop.example.com', 'https://*.example.org'], revokedAt: null }],
      secretKeys: [{ prefix: site.secretKey.slice(0, 12), revokedAt: null }],
      identitySecret: { rotatedAt: null, previousValidUntil: null },
    });
    for (const secret of [site.secretKey, site.identitySecret, site.site.serverSecret]) expect(text).not.toContain(secret);
    expect((await h.call('/v1/admin/site', { publishableKey: null, bearer: site.publishableKey })).status).toBe(401);
  });
});

describe('publishable keys and origins', () => {
  it('adds and removes origins, normalised; refuses what is not an origin with 422', async () => {
    const site = await createTestSite(h.store);
    expect((await bootstrap(site.publishableKey, { origin: 'http://localhost:3000' })).status).toBe(403);
    const added = await admin(site, `/publishable-keys/${site.publishableKey}/origins`, { method: 'POST', body: { origin: 'HTTP://LocalHost:3000/' } });
    expect(added.status).toBe(200);
    expect(PublishableKeySchema.parse(await added.json()).allowedOrigins).toEqual(['https://shop.example.com', 'https://*.example.org', 'http://localhost:3000']);
    expect((await bootstrap(site.publishableKey, { origin: 'http://localhost:3000' })).status).toBe(200);

    for (const origin of ['*', 'https://shop.example.com/path', 'javascript:alert(1)', 'shop.example.com']) {
      const refused = await admin(site, `/publishable-keys/${site.publishableKey}/origins`, { method: 'POST', body: { origin } });
      expect(refused.status, origin).toBe(422);
      expect(await readError(refused)).toMatchObject({ code: 'validation_failed', issues: [{ path: ['origin'], code: 'invalid_origin' }] });
    }

    const removed = await admin(site, `/publishable-keys/${site.publishableKey}/origins?origin=${encodeURIComponent('http://localhost:3000')}`, {
      method: 'DELETE',
    });
    expect(PublishableKeySchema.parse(await removed.json()).allowedOrigins).not.toContain('http://localhost:3000');
    expect((await bootstrap(site.publishableKey, { origin: 'http://localhost:3000' })).status).toBe(403);
  });

  it('creates a key allowing the current origins (or the ones given), and revokes one at once', async () => {
    const site = await createTestSite(h.store);
    const created = await admin(site, '/publishable-keys', { method: 'POST', body: {} });
    expect(created.status).toBe(201);
    const next = PublishableKeySchema.parse(await created.json());
    expect(next.allowedOrigins).toEqual(['https://shop.example.com', 'https://*.example.org']);
    const narrow = PublishableKeySchema.parse(
      await (await admin(site, '/publishable-keys', { method: 'POST', body: { allowedOrigins: ['https://a.example.com'] } })).json(),
    );
    expect(narrow.allowedOrigins).toEqual(['https://a.example.com']);
    expect((await admin(site, '/publishable-keys', { method: 'POST', body: { allowedOrigins: ['*'] } })).status).toBe(422);

    const revoked = await admin(site, `/publishable-keys/${site.publishableKey}`, { method: 'DELETE' });
    expect(PublishableKeySchema.parse(await revoked.json()).revokedAt).not.toBeNull();
    expect((await bootstrap(site.publishableKey)).status).toBe(401);
    expect((await bootstrap(next.key)).status).toBe(200);
  });

  it("cannot reach another site's keys", async () => {
    const site = await createTestSite(h.store);
    const other = await createTestSite(h.store);
    expect((await admin(site, `/publishable-keys/${other.publishableKey}`, { method: 'DELETE' })).status).toBe(404);
    const add = await admin(site, `/publishable-keys/${other.publishableKey}/origins`, { method: 'POST', body: { origin: 'https://evil.example' } });
    expect(await readError(add)).toMatchObject({ code: 'not_found' });
    expect((await bootstrap(other.publishableKey)).status).toBe(200);
  });
});

describe('secret keys', () => {
  it('creates a key shown once, and a revoked key is refused at once on every instance', async () => {
    const site = await createTestSite(h.store);
    const created = await admin(site, '/secret-keys', { method: 'POST' });
    expect(created.status).toBe(201);
    const next = CreatedSecretKeySchema.parse(await created.json());
    expect(next.secretKey).toMatch(/^sk_live_/);
    const stored = await h.store.query<{ key_hash: string }>('SELECT key_hash FROM site_secret_keys WHERE id = $1', [next.id]);
    expect(stored.rows[0]?.key_hash).not.toContain(next.secretKey);

    const otherInstance = h.makeApp();
    const oldKeyId = SiteAdminSchema.parse(await (await admin(site, '')).json()).secretKeys[0]!.id;
    expect((await admin(site, '', {}, site.secretKey)).status).toBe(200);
    expect((await h.call('/v1/admin/site', { bearer: site.secretKey }, otherInstance)).status).toBe(200);
    const revoked = await admin(site, `/secret-keys/${oldKeyId}`, { method: 'DELETE' }, next.secretKey);
    expect(SecretKeyInfoSchema.parse(await revoked.json()).revokedAt).not.toBeNull();
    expect((await admin(site, '', {}, site.secretKey)).status).toBe(401);
    expect((await h.call('/v1/admin/site', { bearer: site.secretKey }, otherInstance)).status).toBe(401);
    expect((await admin(site, '', {}, next.secretKey)).status).toBe(200);
  });

  it('refuses to revoke the last key (409), an unknown one or another site’s (404)', async () => {
    const site = await createTestSite(h.store);
    const other = await createTestSite(h.store);
    const mine = SiteAdminSchema.parse(await (await admin(site, '')).json()).secretKeys[0]!.id;
    const theirs = SiteAdminSchema.parse(await (await admin(other, '')).json()).secretKeys[0]!.id;
    const last = await admin(site, `/secret-keys/${mine}`, { method: 'DELETE' });
    expect(last.status).toBe(409);
    expect((await readError(last)).message).toMatch(/last secret key/);
    expect((await admin(site, `/secret-keys/${theirs}`, { method: 'DELETE' })).status).toBe(404);
    expect((await admin(site, '/secret-keys/skey_nope', { method: 'DELETE' })).status).toBe(404);
    expect((await admin(other, '')).status).toBe(200);
  });
});

describe('POST /v1/admin/site/identity-secret/rotate', () => {
  it('keeps the previous secret valid for the grace period, then only the new one; anonymous visitors stay', async () => {
    const site = await createTestSite(h.store);
    const anonymous = ((await (await bootstrap(site.publishableKey)).json()) as { visitor: { anonymousToken: string } }).visitor.anonymousToken;
    const oldToken = await signVisitorToken({ secret: site.identitySecret, externalId: 'ada', siteId: site.site.id, now: h.clock.now(), expiresInSeconds: 30 * 86_400 });

    const response = await admin(site, '/identity-secret/rotate', { method: 'POST', body: { graceSeconds: 2 * 86_400 } });
    expect(response.status).toBe(200);
    const rotated = IdentitySecretRotatedSchema.parse(await response.json());
    expect(rotated.identitySecret).not.toBe(site.identitySecret);
    expect(Date.parse(rotated.previousValidUntil ?? '') - h.clock.now().getTime()).toBe(2 * DAY);
    const status = SiteAdminSchema.parse(await (await admin(site, '')).json()).identitySecret;
    expect(status).toEqual({ rotatedAt: rotated.rotatedAt, previousValidUntil: rotated.previousValidUntil });
    const newToken = await signVisitorToken({ secret: rotated.identitySecret, externalId: 'ada', siteId: site.site.id, now: h.clock.now(), expiresInSeconds: 30 * 86_400 });

    expect((await bootstrap(site.publishableKey, { bearer: oldToken })).status).toBe(200);
    expect((await bootstrap(site.publishableKey, { bearer: newToken })).status).toBe(200);
    h.clock.advance(2 * DAY);
    expect((await bootstrap(site.publishableKey, { bearer: oldToken })).status).toBe(401);
    expect((await bootstrap(site.publishableKey, { bearer: newToken })).status).toBe(200);
    expect((await bootstrap(site.publishableKey, { bearer: anonymous })).status).toBe(200);
    expect(SiteAdminSchema.parse(await (await admin(site, '')).json()).identitySecret.previousValidUntil).toBeNull();
  });

  it('ends the old secret at once with graceSeconds 0, defaults to 7 days, and refuses more than 90 days', async () => {
    const site = await createTestSite(h.store);
    const oldToken = await signVisitorToken({ secret: site.identitySecret, externalId: 'ada', now: h.clock.now() });
    const first = IdentitySecretRotatedSchema.parse(await (await admin(site, '/identity-secret/rotate', { method: 'POST', body: {} })).json());
    expect(Date.parse(first.previousValidUntil ?? '') - h.clock.now().getTime()).toBe(7 * DAY);
    expect((await bootstrap(site.publishableKey, { bearer: oldToken })).status).toBe(200);
    const second = IdentitySecretRotatedSchema.parse(await (await admin(site, '/identity-secret/rotate', { method: 'POST', body: { graceSeconds: 0 } })).json());
    expect(second.previousValidUntil).toBeNull();
    expect((await bootstrap(site.publishableKey, { bearer: oldToken })).status).toBe(401);
    const firstToken = await signVisitorToken({ secret: first.identitySecret, externalId: 'ada', now: h.clock.now() });
    expect((await bootstrap(site.publishableKey, { bearer: firstToken })).status).toBe(401);
    const tooLong = await admin(site, '/identity-secret/rotate', { method: 'POST', body: { graceSeconds: 91 * 86_400 } });
    expect(tooLong.status).toBe(422);
  });

  it('is in the OpenAPI document with the other site-management routes', async () => {
    const doc = (await (await h.call('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    for (const id of ['getSite', 'createPublishableKey', 'revokePublishableKey', 'addAllowedOrigin', 'removeAllowedOrigin', 'createSecretKey', 'revokeSecretKey', 'rotateIdentitySecret']) {
      expect(ids).toContain(id);
    }
  });
});
