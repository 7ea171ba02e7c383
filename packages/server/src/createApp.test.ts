import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './createApp.js';
import { RAPPORT_ROUTES } from './routes/index.js';
import type { RapportLogger } from './logger.js';
import type { CreatedSite } from './sites/createSite.js';
import type { RapportStore } from './store/Store.js';
import { createHarness, createTestSite, readError, type Harness } from './testing/testHarness.js';
import { STORE_HOOK_TIMEOUT_MS } from './testing/createTestStore.js';

let h: Harness;
let site: CreatedSite;

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('createApp: envelopes and request ids', () => {
  it('gives every response an x-request-id, and keeps a well-formed incoming one', async () => {
    const a = await h.call('/v1/visitor/bootstrap', { site });
    const b = await h.call('/v1/visitor/bootstrap', { site });
    expect(a.headers.get('x-request-id')).toMatch(/^req_[A-Za-z0-9]{20}$/);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    const traced = await h.call('/v1/visitor/bootstrap', { site, headers: { 'x-request-id': 'trace-1234-abcd' } });
    expect(traced.headers.get('x-request-id')).toBe('trace-1234-abcd');
    const hostile = await h.call('/nope', { headers: { 'x-request-id': 'bad id <script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('answers unknown routes with a 404 envelope', async () => {
    for (const path of ['/', '/v1', '/v1/visitor/nothing', '/v2/visitor/bootstrap', '/v1/admin/contacts/a/b']) {
      const response = await h.call(path, { site });
      expect(response.status, path).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await h.call('/v1/visitor/bootstrap', { site, method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect((await readError(response)).code).toBe('method_not_allowed');
    const put = await h.call('/v1/admin/contacts/someone', { method: 'POST', bearer: site.secretKey, publishableKey: null });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, PUT');
  });

  it('answers an unexpected failure with 500 internal, logs it, and leaks nothing', async () => {
    const logged: unknown[] = [];
    const logger: RapportLogger = { info: () => undefined, error: (message, fields) => logged.push({ message, fields }) };
    const broken: RapportStore = {
      ...h.store,
      kind: h.store.kind,
      query: async () => {
        throw new Error('relation "secret_internal_table" does not exist at SELECT password FROM');
      },
      transaction: (fn, opts) => h.store.transaction(fn, opts),
      close: async () => undefined,
    };
    const app = createApp({ store: broken, logger, rateLimit: false });
    const response = await app.request('/v1/visitor/bootstrap', { headers: { 'x-rapport-key': site.publishableKey } });
    expect(response.status).toBe(500);
    const text = await response.clone().text();
    expect(text).not.toMatch(/secret_internal_table|password|stack|at /);
    const error = await readError(response);
    expect(error.code).toBe('internal');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).toContain(error.requestId);
  });
});

describe('createApp: rate limits', () => {
  it('answers 429 rate_limited with Retry-After once a visitor is over the limit, per visitor, and recovers', async () => {
    const app = h.makeApp({ rateLimit: { visitor: { windowMs: 60_000, max: 3 } } });
    const ada = await h.tokenFor(site, 'user_rl_ada', { expiresInSeconds: 3600 });
    const grace = await h.tokenFor(site, 'user_rl_grace', { expiresInSeconds: 3600 });
    for (let i = 0; i < 3; i += 1) expect((await h.call('/v1/visitor/bootstrap', { site, bearer: ada }, app)).status).toBe(200);
    h.clock.advance(20_000);
    const limited = await h.call('/v1/visitor/bootstrap', { site, bearer: ada, origin: 'https://shop.example.com' }, app);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(limited.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect((await readError(limited)).code).toBe('rate_limited');
    expect((await h.call('/v1/visitor/bootstrap', { site, bearer: grace }, app)).status).toBe(200);
    h.clock.advance(40_000);
    expect((await h.call('/v1/visitor/bootstrap', { site, bearer: ada }, app)).status).toBe(200);
  });

  it('limits admin calls per secret key, with their own limit', async () => {
    const app = h.makeApp({ rateLimit: { admin: { windowMs: 1000, max: 2 } } });
    const call = () => h.call('/v1/admin/contacts', { bearer: site.secretKey, publishableKey: null }, app);
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
  });

  it('shares counts between apps on PostgreSQL (instances on one database are one), keeps them per app on PGlite', async () => {
    const options = { rateLimit: { visitor: { windowMs: 60_000, max: 1 } } };
    const first = h.makeApp(options);
    const token = await h.tokenFor(site, 'user_rl_instance');
    expect((await h.call('/v1/visitor/bootstrap', { site, bearer: token }, first)).status).toBe(200);
    expect((await h.call('/v1/visitor/bootstrap', { site, bearer: token }, first)).status).toBe(429);
    const second = await h.call('/v1/visitor/bootstrap', { site, bearer: token }, h.makeApp(options));
    expect(second.status).toBe(h.store.kind === 'postgres' ? 429 : 200);
  });
});

describe('createApp: bad input never causes a 5xx', () => {
  it('answers garbage on every route and method with a 4xx envelope', async () => {
    const token = await h.tokenFor(site, 'user_fuzz');
    const bodies: (string | undefined)[] = [undefined, '', '{', 'null', '[]', '{"a":', '\u0000', '{"locale":{"$gt":""}}', '{"traits":{"a":[1,2]}}', 'x'.repeat(5000)];
    const types = ['application/json', 'text/plain', 'application/json; charset=latin1', 'application/vnd.api+json'];
    const credentials = [
      { publishableKey: site.publishableKey, bearer: token },
      { publishableKey: null, bearer: site.secretKey },
      { publishableKey: 'pk_live_%00', bearer: '%00.%00.%00' },
    ];
    const paths = RAPPORT_ROUTES.map((route) => route.path.replace('{externalId}', '%E0%A4%A'));
    const failures: string[] = [];
    for (const path of [...new Set(paths)]) {
      for (const method of ['GET', 'PUT', 'PATCH', 'POST', 'DELETE']) {
        for (const [i, body] of bodies.entries()) {
          const credential = credentials[i % credentials.length] ?? {};
          const type = types[i % types.length] ?? 'application/json';
          const response = await h.call(`${path}?limit=%ZZ&cursor=${'%FF'.repeat(3)}`, {
            method,
            ...credential,
            ...(body !== undefined && method !== 'GET' ? { body, headers: { 'content-type': type } } : {}),
          });
          if (response.status >= 500) failures.push(`${method} ${path} ${String(body).slice(0, 20)} → ${response.status}`);
          else if (response.status >= 400) expect((await readError(response)).code).toBeTypeOf('string');
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('treats a malformed percent-encoded external id as not found, not as an error', async () => {
    const response = await h.call('/v1/admin/contacts/%E0%A4%A', { publishableKey: null, bearer: site.secretKey });
    expect(response.status).toBe(404);
  });
});
