import {
  WebhookAttemptPageSchema,
  WebhookEndpointPageSchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
  WebhookEventPageSchema,
  WebhookQueuedSchema,
} from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSite } from '../sites/createSite.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type CallOptions, type Harness } from '../testing/testHarness.js';
import { enqueueWebhookEvent } from '../webhooks/enqueueWebhookEvent.js';

// Host names resolve through this table (no DNS in tests): `internal.example.com` is a name for a private address.
const HOSTS: Record<string, string[]> = { 'hooks.example.com': ['93.184.216.34'], 'internal.example.com': ['10.0.0.7'] };
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ webhooks: { resolveHost: async (host) => HOSTS[host] ?? ['127.0.0.1'] } });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const admin = (site: CreatedSite, path: string, options: CallOptions = {}) =>
  h.call(`/v1/admin/webhooks${path}`, { publishableKey: null, bearer: site.secretKey, ...options });
const create = async (site: CreatedSite, body: Record<string, unknown> = {}) => {
  const response = await admin(site, '/endpoints', { method: 'POST', body: { url: 'https://hooks.example.com/rapport', ...body } });
  expect(response.status).toBe(201);
  return WebhookEndpointWithSecretSchema.parse(await response.json());
};

describe('webhook endpoints (admin API)', () => {
  it('creates an endpoint with its secret, shown only on create and rotate', async () => {
    const site = await createTestSite(h.store);
    const endpoint = await create(site, { description: 'CRM', eventTypes: ['loyalty.points.awarded', 'loyalty.points.awarded'] });
    expect(endpoint).toMatchObject({ url: 'https://hooks.example.com/rapport', description: 'CRM', eventTypes: ['loyalty.points.awarded'], enabled: true });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const got = await admin(site, `/endpoints/${endpoint.id}`);
    const text = await got.text();
    expect(WebhookEndpointSchema.parse(JSON.parse(text))).toMatchObject({ id: endpoint.id, failingSince: null, previousSecretValidUntil: null });
    expect(text).not.toContain(endpoint.secret);
  });

  it.each([
    ['http://hooks.example.com/x', 'https'],
    ['https://127.0.0.1/x', 'loopback'],
    ['https://10.1.2.3/x', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://[::1]/x', 'loopback'],
    ['https://localhost/x', 'this machine'],
    ['https://internal.example.com/x', 'resolves to 10.0.0.7'],
    ['https://u:p@hooks.example.com/x', 'password'],
  ])('refuses %s at create (422 on url) and at update', async (url, why) => {
    const site = await createTestSite(h.store);
    const response = await admin(site, '/endpoints', { method: 'POST', body: { url } });
    expect(response.status).toBe(422);
    const error = await readError(response);
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([expect.objectContaining({ path: ['url'], message: expect.stringContaining(why) })]);
    const endpoint = await create(site);
    const patched = await admin(site, `/endpoints/${endpoint.id}`, { method: 'PATCH', body: { url } });
    expect(patched.status).toBe(422);
  });

  it('accepts http and private addresses only with the development allowance', async () => {
    const site = await createTestSite(h.store);
    const dev = h.makeApp({ webhooks: { allowPrivateNetworks: true } });
    const response = await h.call(
      '/v1/admin/webhooks/endpoints',
      { method: 'POST', publishableKey: null, bearer: site.secretKey, body: { url: 'http://127.0.0.1:3000/hooks' } },
      dev,
    );
    expect(response.status).toBe(201);
  });

  it('lists endpoints oldest first by keyset, updates, disables by hand, deletes', async () => {
    const site = await createTestSite(h.store);
    const made = [];
    for (let i = 0; i < 3; i += 1) {
      made.push(await create(site, { description: `#${i}` }));
      h.clock.advance(1_000);
    }
    const first = WebhookEndpointPageSchema.parse(await (await admin(site, '/endpoints?limit=2')).json());
    expect(first.items.map((e) => e.id)).toEqual([made[0]!.id, made[1]!.id]);
    const second = WebhookEndpointPageSchema.parse(await (await admin(site, `/endpoints?limit=2&cursor=${first.nextCursor}`)).json());
    expect(second).toMatchObject({ items: [{ id: made[2]!.id }], nextCursor: null });

    const off = await admin(site, `/endpoints/${made[0]!.id}`, { method: 'PATCH', body: { enabled: false, description: 'paused' } });
    expect(WebhookEndpointSchema.parse(await off.json())).toMatchObject({ enabled: false, disabledReason: 'manual', description: 'paused' });
    const on = await admin(site, `/endpoints/${made[0]!.id}`, { method: 'PATCH', body: { enabled: true } });
    expect(WebhookEndpointSchema.parse(await on.json())).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });

    const deleted = await admin(site, `/endpoints/${made[1]!.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await admin(site, `/endpoints/${made[1]!.id}`)).status).toBe(404);
    expect((await admin(site, `/endpoints/${made[1]!.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('never reaches another site’s endpoints or events (404)', async () => {
    const [mine, theirs] = [await createTestSite(h.store), await createTestSite(h.store)];
    const endpoint = await create(theirs);
    const eventId = await h.store.transaction((tx) =>
      enqueueWebhookEvent(tx, { siteId: theirs.site.id, type: 'webhook.test', contactId: null, data: { endpointId: endpoint.id, message: 'x' }, now: h.clock.now() }),
    );
    for (const [path, method, body] of [
      [`/endpoints/${endpoint.id}`, 'GET', undefined],
      [`/endpoints/${endpoint.id}`, 'PATCH', { description: 'mine now' }],
      [`/endpoints/${endpoint.id}`, 'DELETE', undefined],
      [`/endpoints/${endpoint.id}/rotate-secret`, 'POST', {}],
      [`/endpoints/${endpoint.id}/test`, 'POST', undefined],
      [`/endpoints/${endpoint.id}/attempts`, 'GET', undefined],
      [`/events/${eventId}/replay`, 'POST', {}],
      ['/replay', 'POST', { since: '2020-01-01T00:00:00Z', endpointId: endpoint.id }],
    ] as const) {
      const response = await admin(mine, path, { method, ...(body === undefined ? {} : { body }) });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const events = WebhookEventPageSchema.parse(await (await admin(mine, '/events')).json());
    expect(events.items).toEqual([]);
    expect((await admin(theirs, `/endpoints/${endpoint.id}`)).status).toBe(200);
  });

  it('rotates the secret: the previous one signs until the overlap ends; rotate is idempotent by key', async () => {
    const site = await createTestSite(h.store);
    const endpoint = await create(site);
    const rotate = (body: unknown, key: string) =>
      admin(site, `/endpoints/${endpoint.id}/rotate-secret`, { method: 'POST', body, headers: { 'idempotency-key': key } });
    const first = await rotate({ overlapSeconds: 3_600 }, 'rotate-1');
    const rotated = WebhookEndpointWithSecretSchema.parse(await first.json());
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previousSecretValidUntil).toBe(new Date(h.clock.now().getTime() + 3_600_000).toISOString());
    const again = await rotate({ overlapSeconds: 3_600 }, 'rotate-1');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(WebhookEndpointWithSecretSchema.parse(await again.json()).secret).toBe(rotated.secret);
    h.clock.advance(3_600_001);
    const later = WebhookEndpointSchema.parse(await (await admin(site, `/endpoints/${endpoint.id}`)).json());
    expect(later.previousSecretValidUntil).toBeNull();
    const now = WebhookEndpointWithSecretSchema.parse(await (await rotate({ overlapSeconds: 0 }, 'rotate-2')).json());
    expect(now.previousSecretValidUntil).toBeNull();
  });

  it('queues a test event for one endpoint, lists events newest first, replays one and many with the same ids', async () => {
    const site = await createTestSite(h.store);
    const [a, b] = [await create(site), await create(site, { eventTypes: ['loyalty.points.awarded'] })];
    const test = WebhookQueuedSchema.parse(await (await admin(site, `/endpoints/${b.id}/test`, { method: 'POST' })).json());
    expect(test).toEqual({ eventIds: [expect.stringMatching(/^msg_/)], deliveries: 1 });
    h.clock.advance(1_000);
    const since = h.clock.now().toISOString();
    const awarded = await h.store.transaction((tx) =>
      enqueueWebhookEvent(tx, { siteId: site.site.id, type: 'loyalty.points.awarded', contactId: 'ct_1', data: { points: 5 }, now: h.clock.now() }),
    );
    h.clock.advance(1_000);
    const changed = await h.store.transaction((tx) =>
      enqueueWebhookEvent(tx, { siteId: site.site.id, type: 'preferences.changed', contactId: 'ct_1', data: {}, now: h.clock.now() }),
    );
    const page = WebhookEventPageSchema.parse(await (await admin(site, '/events?limit=2')).json());
    expect(page.items.map((e) => e.id)).toEqual([changed, awarded]);
    const rest = WebhookEventPageSchema.parse(await (await admin(site, `/events?limit=2&cursor=${page.nextCursor}`)).json());
    expect(rest).toMatchObject({ items: [{ id: test.eventIds[0], type: 'webhook.test', payload: { data: { endpointId: b.id } } }], nextCursor: null });
    const typed = WebhookEventPageSchema.parse(await (await admin(site, `/events?type=loyalty.points.awarded&since=${since}`)).json());
    expect(typed.items.map((e) => e.id)).toEqual([awarded]);

    // The test event goes again only to the endpoint it tested; the award to both subscribed endpoints.
    const replayTest = await admin(site, `/events/${test.eventIds[0]}/replay`, { method: 'POST', body: {} });
    expect(replayTest.status).toBe(202);
    expect(WebhookQueuedSchema.parse(await replayTest.json())).toEqual({ eventIds: test.eventIds, deliveries: 1 });
    const many = WebhookQueuedSchema.parse(await (await admin(site, '/replay', { method: 'POST', body: { since } })).json());
    expect(many).toEqual({ eventIds: [awarded, changed], deliveries: 3 });
    const onlyA = WebhookQueuedSchema.parse(
      await (await admin(site, '/replay', { method: 'POST', body: { since, endpointId: a.id, types: ['preferences.changed'] } })).json(),
    );
    expect(onlyA).toEqual({ eventIds: [changed], deliveries: 1 });
    const { rows } = await h.store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE site_id = $1 AND replay`,
      [site.site.id],
    );
    expect(rows[0]?.n).toBe(5);
    expect((await admin(site, '/events/msg_nope/replay', { method: 'POST', body: {} })).status).toBe(404);
  });

  it('lists an endpoint’s attempts newest first by keyset', async () => {
    const site = await createTestSite(h.store);
    const endpoint = await create(site);
    const eventId = await h.store.transaction((tx) =>
      enqueueWebhookEvent(tx, { siteId: site.site.id, type: 'webhook.test', contactId: null, data: {}, now: h.clock.now() }),
    );
    const { rows } = await h.store.query<{ id: string }>('SELECT id FROM webhook_deliveries WHERE event_id = $1', [eventId]);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await h.store.query(
        `INSERT INTO webhook_attempts (id, site_id, delivery_id, endpoint_id, event_id, attempt, attempted_at, status_code, latency_ms, response_excerpt, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 500, 12, 'oops', NULL)`,
        [`wha_${attempt}`, site.site.id, rows[0]!.id, endpoint.id, eventId, attempt, h.clock.now()],
      );
    }
    const first = WebhookAttemptPageSchema.parse(await (await admin(site, `/endpoints/${endpoint.id}/attempts?limit=2`)).json());
    expect(first.items.map((a) => a.attempt)).toEqual([3, 2]);
    const next = WebhookAttemptPageSchema.parse(await (await admin(site, `/endpoints/${endpoint.id}/attempts?cursor=${first.nextCursor}`)).json());
    expect(next).toMatchObject({ items: [{ attempt: 1, statusCode: 500, responseExcerpt: 'oops', error: null }], nextCursor: null });
  });
});
