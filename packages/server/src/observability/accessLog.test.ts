import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSite } from '../sites/createSite.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, type Harness } from '../testing/testHarness.js';
import { createJsonLogger } from './createJsonLogger.js';

let h: Harness;
let site: CreatedSite;

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

function capture() {
  const lines: string[] = [];
  const logger = createJsonLogger({ destination: { write: (line: string) => void lines.push(line) } });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, logger, records };
}

describe('access log', () => {
  it('writes one JSON line per request: id, method, route template, status, latency, site — and no secret', async () => {
    const { lines, logger, records } = capture();
    const app = h.makeApp({ logger, accessLog: true });
    const token = await h.tokenFor(site, 'visitor-logged@example.com');
    const unsubscribeToken = 'unsub_SECRET_0123456789abcdef';
    const cookie = 'session=cookie_SECRET_value';
    const responses = [
      await h.call('/v1/admin/contacts/contact-SECRET-id', { publishableKey: null, bearer: site.secretKey, headers: { cookie } }, app),
      await h.call('/v1/visitor/bootstrap?locale=fr&ref=query_SECRET', { site, bearer: token, headers: { cookie } }, app),
      await h.call(`/v1/unsubscribe/${unsubscribeToken}?token=${unsubscribeToken}`, {}, app),
      await h.call('/v1/admin/contacts/c2', { method: 'PUT', publishableKey: null, bearer: site.secretKey, body: { password: 'body_SECRET' } }, app),
      await h.call('/nowhere/path_SECRET', { headers: { 'x-request-id': 'trace-from-proxy-42' } }, app),
      await h.call('/healthz', {}, app),
    ];

    expect(lines).toHaveLength(responses.length);
    const logged = records();
    for (const [i, record] of logged.entries()) {
      expect(record).toMatchObject({ level: 'info', msg: 'request', requestId: responses[i]?.headers.get('x-request-id') });
      expect(record.time).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
      expect(record.latencyMs).toBeTypeOf('number');
      expect(record.latencyMs as number).toBeGreaterThanOrEqual(0);
      expect(record.status).toBe(responses[i]?.status);
    }
    expect(logged.map(({ method, route }) => `${String(method)} ${String(route)}`)).toEqual([
      'GET /v1/admin/contacts/{externalId}',
      'GET /v1/visitor/bootstrap',
      'GET /v1/unsubscribe/{token}',
      'PUT /v1/admin/contacts/{externalId}',
      'GET (unmatched)',
      'GET /healthz',
    ]);
    expect(logged.map((record) => record.siteId)).toEqual([site.site.id, site.site.id, undefined, site.site.id, undefined, undefined]);
    expect(logged[4]?.requestId).toBe('trace-from-proxy-42');

    const all = lines.join('\n');
    for (const secret of [site.secretKey, site.publishableKey, token, unsubscribeToken, 'SECRET', 'cookie', 'example.com', 'locale=']) {
      expect(all).not.toContain(secret);
    }
  });

  it('is off by default in createApp, so tests and embedders stay quiet', async () => {
    const { lines, logger } = capture();
    await h.call('/healthz', {}, h.makeApp({ logger }));
    expect(lines).toEqual([]);
  });
});

describe('createJsonLogger', () => {
  it('writes JSON lines with the level name, serialises errors and redacts credential-named fields', () => {
    const { logger, records } = capture();
    logger.info('hello', { headers: { authorization: 'Bearer sk_live_x', accept: 'json' }, token: 'tok', n: 1 });
    logger.error('broken', { error: new TypeError('bad thing') });
    const [info, error] = records();
    expect(info).toMatchObject({ level: 'info', msg: 'hello', service: 'rapport-server', n: 1, token: '[redacted]' });
    expect(info?.headers).toEqual({ authorization: '[redacted]', accept: 'json' });
    expect(error).toMatchObject({ level: 'error', msg: 'broken', error: { type: 'TypeError', message: 'bad thing' } });
    expect((error?.error as { stack: string }).stack).toMatch(/bad thing/);
  });

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ level: 'error', destination: { write: (line: string) => void lines.push(line) } });
    logger.info('quiet');
    logger.error('loud');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['loud']);
  });
});
