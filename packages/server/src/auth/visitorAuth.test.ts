import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64UrlEncodeText } from '../crypto/base64url.js';
import { buildOpenApiDocument } from '../openapi/buildOpenApiDocument.js';
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

  it('needs a publishable key', async () => {
    await expectUnauthorized(await h.call(BOOTSTRAP, {}), /publishable key/);
  });
});

describe('refusals a developer can read', () => {
  const page = 'https://staging.shop.example.net';

  async function expectReadableRefusal(response: Response, status: number, code: string, origin: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/i);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    const body = (await response.clone().json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['error']);
    const error = await readError(response);
    expect(error.code).toBe(code);
    return error;
  }

  it('answers an origin outside the allowlist with a readable 403 origin_not_allowed saying how to allow it', async () => {
    for (const origin of ['https://evil.example.net', 'https://example.org', 'http://shop.example.com', 'null']) {
      const error = await expectReadableRefusal(await h.call(BOOTSTRAP, { site, origin }), 403, 'origin_not_allowed', origin);
      expect(error.message).toContain(`Origin ${origin} is not allowed for site "${site.site.slug}"`);
      const command = `rapport-server origin add --site ${site.site.slug} ${origin === 'null' ? '<origin>' : origin}`;
      expect(error.message).toContain(`add it with \`${command}\` or the admin API`);
    }
  });

  it('refuses a disallowed origin before looking at the visitor token', async () => {
    const token = await h.tokenFor(site, 'user_ada');
    const response = await h.call(BOOTSTRAP, { site, origin: page, bearer: token });
    await expectReadableRefusal(response, 403, 'origin_not_allowed', page);
  });

  it('echoes a hostile Origin only as printable, bounded text', async () => {
    const long = `https://${'a'.repeat(300)}.example.net`;
    const error = await expectReadableRefusal(await h.call(BOOTSTRAP, { site, origin: long }), 403, 'origin_not_allowed', long);
    expect(error.message).toContain(`Origin https://${'a'.repeat(112)}… is not allowed`);
    expect(error.message).toContain('origin add --site');
    expect(error.message.length).toBeLessThan(300);
  });

  it('answers an unknown or revoked publishable key with a readable 401 unknown_publishable_key', async () => {
    const unknown = await h.call(BOOTSTRAP, { publishableKey: 'pk_live_unknown', origin: page });
    const error = await expectReadableRefusal(unknown, 401, 'unknown_publishable_key', page);
    expect(error.message).toMatch(/^Publishable key pk_live_unknown is unknown or revoked: .*rapport-server key list --site/);
    expect(error.message).toContain('rapport-server key create --site <site> --type publishable');

    const revoked = await createTestSite(h.store);
    await h.store.query('UPDATE site_publishable_keys SET revoked_at = now() WHERE key = $1', [revoked.publishableKey]);
    const allowedOrigin = 'https://shop.example.com';
    const refused = await expectReadableRefusal(await h.call(BOOTSTRAP, { site: revoked, origin: allowedOrigin }), 401, 'unknown_publishable_key', allowedOrigin);
    expect(refused.message).toContain(revoked.publishableKey);

    const serverSide = await h.call(BOOTSTRAP, { site: revoked });
    expect(serverSide.status).toBe(401);
    expect((await readError(serverSide)).code).toBe('unknown_publishable_key');
  });

  it('does not echo a key that does not look like a publishable key', async () => {
    for (const publishableKey of ['my-identity-secret-pasted-here', `pk_live_${'x'.repeat(300)}`]) {
      const response = await h.call(BOOTSTRAP, { publishableKey, origin: page });
      const error = await expectReadableRefusal(response, 401, 'unknown_publishable_key', page);
      expect(error.message).toMatch(/^This publishable key is unknown or revoked/);
      expect(error.message).not.toContain(publishableKey.slice(0, 12));
    }
  });

  it('lets the preflight of a disallowed origin through, without credentials, so the refusal can be read', async () => {
    const preflight = await h.app.request(BOOTSTRAP, {
      method: 'OPTIONS',
      headers: { origin: page, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-rapport-key' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(page);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await preflight.text()).toBe('');
    await expectReadableRefusal(await h.call(BOOTSTRAP, { site, origin: page }), 403, 'origin_not_allowed', page);
  });

  it('documents both refusals in the OpenAPI document', () => {
    const { components } = buildOpenApiDocument() as { components: { responses: Record<string, { description: string }> } };
    expect(components.responses.Unauthorized?.description).toContain('`unknown_publishable_key`');
    expect(components.responses.OriginNotAllowed?.description).toContain('`origin_not_allowed`');
  });

  it('never lets a refused origin read data, on reads or on writes', async () => {
    const token = await h.tokenFor(site, 'user_ada');
    const write = await h.call('/v1/visitor/profile', { method: 'PATCH', site, origin: page, bearer: token, body: { locale: 'fr' } });
    await expectReadableRefusal(write, 403, 'origin_not_allowed', page);
    const after = (await (await h.call(BOOTSTRAP, { site, bearer: token })).json()) as { visitor: { locale: string | null } };
    expect(after.visitor.locale).not.toBe('fr');
  });
});

describe('origins and CORS', () => {
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
