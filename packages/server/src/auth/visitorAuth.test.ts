import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64UrlEncodeText } from '../crypto/base64url.js';
import type { CreatedSite } from '../sites/createSite.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';
import { signHs256 } from '../tokens/hs256.js';
import { signVisitorToken } from '../tokens/signVisitorToken.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';

let h: Harness;
let site: CreatedSite;
let otherSite: CreatedSite;
const BOOTSTRAP = '/v1/visitor/bootstrap';

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store);
  otherSite = await createTestSite(h.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function expectUnauthorized(response: Response, message?: RegExp) {
  expect(response.status).toBe(401);
  const error = await readError(response);
  expect(error.code).toBe('unauthorized');
  if (message) expect(error.message).toMatch(message);
}

describe('visitor tokens on visitor endpoints', () => {
  const nowSeconds = () => Math.floor(h.clock.now().getTime() / 1000);

  it('refuses a token signed with another secret (forged)', async () => {
    const forged = await signVisitorToken({ secret: 'not-the-site-secret-at-all-000000', externalId: 'user_ada', now: h.clock.now() });
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: forged }), /signature/);
  });

  it('refuses an expired token, honouring 30 s of skew with the injected clock', async () => {
    const token = await h.tokenFor(site, 'user_ada', { expiresInSeconds: 60 });
    h.clock.advance(85_000);
    expect((await h.call(BOOTSTRAP, { site, bearer: token })).status).toBe(200);
    h.clock.advance(10_000);
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: token }), /expired/);
  });

  it('refuses alg none and RS256 headers', async () => {
    const claims = base64UrlEncodeText(JSON.stringify({ sub: 'user_ada', exp: nowSeconds() + 600 }));
    const none = `${base64UrlEncodeText('{"alg":"none","typ":"JWT"}')}.${claims}.`;
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: none }), /HS256/);
    const rs = `${base64UrlEncodeText('{"alg":"RS256","typ":"JWT"}')}.${claims}.c2ln`;
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: rs }), /HS256/);
  });

  it('refuses a token with a wrong signature', async () => {
    const token = await h.tokenFor(site, 'user_ada');
    const tampered = token.slice(0, -3) + (token.endsWith('abc') ? 'xyz' : 'abc');
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: tampered }));
  });

  it("refuses another site's tokens: its aud, and its secret", async () => {
    const audOther = await signVisitorToken({ secret: site.identitySecret, externalId: 'user_ada', siteId: otherSite.site.id, now: h.clock.now() });
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: audOther }), /another site/);
    const signedByOther = await h.tokenFor(otherSite, 'user_ada');
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: signedByOther }));
    const otherAnon = (await (await h.call(BOOTSTRAP, { site: otherSite })).json()) as { visitor: { anonymousToken: string } };
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: otherAnon.visitor.anonymousToken }));
  });

  it('refuses an anonymous token without the site as aud', async () => {
    const anon = await signHs256({ sub: 'anon_x', anon: true, exp: nowSeconds() + 600 }, site.identitySecret);
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: anon }), /another site/);
  });

  it('refuses malformed tokens and malformed Authorization headers, never falling back to anonymous', async () => {
    for (const bearer of ['abc', 'a.b.c', 'x'.repeat(10_000), '...']) {
      await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer }));
    }
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'token']) {
      await expectUnauthorized(await h.call(BOOTSTRAP, { site, headers: { authorization } }));
    }
  });

  it('refuses secret and publishable keys in place of a visitor token or publishable key', async () => {
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: site.secretKey }));
    await expectUnauthorized(await h.call(BOOTSTRAP, { site, bearer: site.publishableKey }));
    await expectUnauthorized(await h.call(BOOTSTRAP, { publishableKey: site.secretKey }), /Secret keys/);
  });

  it('needs a known, unrevoked publishable key', async () => {
    await expectUnauthorized(await h.call(BOOTSTRAP, {}), /publishable key/);
    await expectUnauthorized(await h.call(BOOTSTRAP, { publishableKey: 'pk_live_unknown' }), /Unknown/);
    const revoked = await createTestSite(h.store);
    await h.store.query('UPDATE site_publishable_keys SET revoked_at = now() WHERE key = $1', [revoked.publishableKey]);
    await expectUnauthorized(await h.call(BOOTSTRAP, { site: revoked }), /revoked/);
  });
});

describe('origins and CORS', () => {
  it('refuses an origin outside the allowlist with 403 origin_not_allowed and no CORS grant', async () => {
    for (const origin of ['https://evil.example.net', 'https://example.org', 'http://shop.example.com', 'null']) {
      const response = await h.call(BOOTSTRAP, { site, origin });
      expect(response.status, origin).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect((await readError(response)).code).toBe('origin_not_allowed');
    }
  });

  it('grants an allowed origin (exact and wildcard) and exposes the request id', async () => {
    for (const origin of ['https://shop.example.com', 'https://eu.shop.example.org']) {
      const response = await h.call(BOOTSTRAP, { site, origin });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('vary')).toMatch(/Origin/i);
      expect(response.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
      expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
    }
  });

  it('lets an allowed origin read errors after the origin check (e.g. a bad token)', async () => {
    const response = await h.call(BOOTSTRAP, { site, origin: 'https://shop.example.com', bearer: 'bad' });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
  });

  it('allows requests without an Origin header (server-side callers)', async () => {
    const response = await h.call(BOOTSTRAP, { site });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights on visitor paths without a key', async () => {
    const response = await h.app.request('/v1/visitor/profile', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://anything.example.com',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'content-type, authorization, x-rapport-key, idempotency-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://anything.example.com');
    const allowHeaders = response.headers.get('access-control-allow-headers') ?? '';
    for (const name of ['content-type', 'authorization', 'x-rapport-key', 'idempotency-key', 'x-rapport-anonymous-token']) {
      expect(allowHeaders).toContain(name);
    }
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('does not answer preflights for admin paths', async () => {
    const response = await h.app.request('/v1/admin/contacts', { method: 'OPTIONS', headers: { origin: 'https://shop.example.com' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
