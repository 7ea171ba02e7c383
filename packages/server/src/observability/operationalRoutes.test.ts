import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import { createSilentLogger } from '../logger.js';
import type { CreatedSite } from '../sites/createSite.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import type { RapportStore } from '../store/Store.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';
import { createMetrics } from './createMetrics.js';
import { parsePrometheusText, type PrometheusSample } from './parsePrometheusText.js';

let h: Harness;
let site: CreatedSite;

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

function unreachable(store: RapportStore): RapportStore {
  const refuse = async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'), { code: 'ECONNREFUSED' });
  };
  return { kind: store.kind, query: refuse, transaction: refuse, close: async () => undefined };
}

async function scrape(app = h.app, headers: Record<string, string> = {}): Promise<PrometheusSample[]> {
  const response = await app.request('/metrics', { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

function requestCount(samples: PrometheusSample[], labels: Record<string, string>): number {
  const sample = samples.find(
    (s) => s.name === 'rapport_http_requests_total' && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  return sample?.value ?? 0;
}

describe('GET /healthz', () => {
  it('answers 200 ok without touching the database, GET and HEAD only', async () => {
    const app = createApp({ store: unreachable(h.store), logger: createSilentLogger() });
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/healthz', { method: 'HEAD' })).status).toBe(200);
    const post = await app.request('/healthz', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('is not rate limited', async () => {
    const app = h.makeApp({ rateLimit: { visitor: { windowMs: 60_000, max: 1 }, admin: { windowMs: 60_000, max: 1 } } });
    for (let i = 0; i < 5; i += 1) expect((await app.request('/healthz')).status).toBe(200);
  });
});

describe('GET /readyz', () => {
  it('answers 200 when the database answers and every migration is applied', async () => {
    const response = await h.call('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', migrations: MIGRATIONS.length });
  });

  it('answers 503 database_unreachable, logging the cause but not sending it', async () => {
    const logged: string[] = [];
    const logger = { info: () => undefined, error: (message: string, fields?: Record<string, unknown>) => logged.push(`${message} ${String(fields?.error)}`) };
    const response = await createApp({ store: unreachable(h.store), logger }).request('/readyz');
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'unavailable', reason: 'database_unreachable' });
    expect(text).not.toMatch(/10\.0\.0\.5|hunter2|ECONNREFUSED/);
    expect(logged.join('\n')).toMatch(/ECONNREFUSED/);
  });

  it('answers 503 migrations_pending on a database migrated to fewer migrations, then 200 once migrated', async () => {
    const behind = await createTestStore({ migrate: false });
    try {
      const app = createApp({ store: behind.store, logger: createSilentLogger() });
      const empty = await app.request('/readyz');
      expect(empty.status).toBe(503);
      expect(await empty.json()).toMatchObject({ reason: 'migrations_pending', pending: MIGRATIONS.map((m) => m.id) });

      await migrate(behind.store, MIGRATIONS.slice(0, 2));
      const partial = await app.request('/readyz');
      expect(partial.status).toBe(503);
      expect(await partial.json()).toMatchObject({ status: 'unavailable', reason: 'migrations_pending', pending: MIGRATIONS.slice(2).map((m) => m.id) });

      await migrate(behind.store);
      expect((await app.request('/readyz')).status).toBe(200);
    } finally {
      await behind.dispose();
    }
  }, 60_000);
});

describe('GET /metrics', () => {
  it('counts requests by method, route template and status, never by raw path', async () => {
    const app = h.makeApp();
    const before = await scrape(app);
    const route = { method: 'GET', route: '/v1/admin/contacts/{externalId}' };
    expect(requestCount(before, { ...route, status: '404' })).toBe(0);
    const unsubscribeToken = 'utok_SECRET_in_path_0123456789';
    for (let i = 0; i < 3; i += 1) {
      await h.call(`/v1/admin/contacts/someone-${i}@example.com`, { publishableKey: null, bearer: site.secretKey }, app);
    }
    await h.call(`/v1/unsubscribe/${unsubscribeToken}?token=${unsubscribeToken}`, {}, app);
    await h.call(`/v1/admin/site/publishable-keys/${site.publishableKey}`, { method: 'DELETE', publishableKey: null, bearer: 'sk_live_wrong' }, app);
    await h.call('/no/such/path/sk_live_abc', {}, app);

    const text = await (await app.request('/metrics')).text();
    const after = parsePrometheusText(text);
    expect(requestCount(after, { ...route, status: '404' })).toBe(3);
    expect(requestCount(after, { route: '/v1/unsubscribe/{token}' })).toBe(1);
    expect(requestCount(after, { method: 'DELETE', route: '/v1/admin/site/publishable-keys/{key}', status: '401' })).toBe(1);
    expect(requestCount(after, { route: '(unmatched)', status: '404' })).toBe(1);
    expect(requestCount(after, { route: '/metrics', status: '200' })).toBe(1);
    const latency = after.find((s) => s.name === 'rapport_http_request_duration_seconds_count' && s.labels.route === route.route);
    expect(latency?.value).toBe(3);
    for (const secret of [unsubscribeToken, site.secretKey, site.publishableKey, 'sk_live_', 'example.com', 'someone']) {
      expect(text).not.toContain(secret);
    }
    for (const sample of after.filter((s) => s.name.startsWith('rapport_http_'))) {
      expect(['/metrics', '(unmatched)', ...h.app.routes.map((r) => r.path.replace(/:([A-Za-z_]+)/g, '{$1}'))]).toContain(sample.labels.route);
    }
  });

  it('keeps counts per app: two apps in one process share nothing', async () => {
    const first = h.makeApp();
    const second = h.makeApp();
    await first.request('/healthz');
    await first.request('/healthz');
    expect(requestCount(await scrape(first), { route: '/healthz' })).toBe(2);
    expect(requestCount(await scrape(second), { route: '/healthz' })).toBe(0);
  });

  it('reports the database pool on PostgreSQL and maintenance runs', async () => {
    const metrics = createMetrics({ store: h.store });
    metrics.recordMaintenanceRun({ ok: true, durationMs: 12 });
    metrics.recordMaintenanceRun({ ok: false, durationMs: 3 });
    await h.store.query('SELECT 1');
    const samples = await scrape(h.makeApp({ metrics }));
    const runs = (outcome: string) => samples.find((s) => s.name === 'rapport_maintenance_runs_total' && s.labels.outcome === outcome)?.value;
    expect(runs('success')).toBe(1);
    expect(runs('failure')).toBe(1);
    expect(samples.find((s) => s.name === 'rapport_maintenance_last_success_timestamp_seconds')?.value).toBeGreaterThan(1.7e9);
    const pool = samples.filter((s) => s.name === 'rapport_db_pool_connections');
    if (h.store.kind === 'postgres') {
      expect(pool.map((s) => s.labels.state).sort()).toEqual(['idle', 'in_use']);
      expect(pool.reduce((sum, s) => sum + s.value, 0)).toBeGreaterThanOrEqual(1);
      expect(samples.find((s) => s.name === 'rapport_db_pool_waiting')?.value).toBe(0);
    } else {
      expect(pool).toEqual([]);
    }
  });

  it('requires the bearer token when metricsToken is set', async () => {
    const app = h.makeApp({ metricsToken: 'metrics-token-123' });
    const anonymous = await app.request('/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await readError(anonymous)).code).toBe('unauthorized');
    expect((await app.request('/metrics', { headers: { authorization: 'Bearer metrics-token-12' } })).status).toBe(401);
    await scrape(app, { authorization: 'Bearer metrics-token-123' });
  });

  it('answers 404 when metrics are turned off, and is not in the OpenAPI document', async () => {
    expect((await h.makeApp({ metrics: false }).request('/metrics')).status).toBe(404);
    const doc = (await (await h.call('/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((path) => !path.startsWith('/v1/'))).toEqual([]);
  });
});
