import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/startWebhookReceiver.js';
import { createHarness, createTestSite, type Harness } from '../testing/testHarness.js';
import { createEndpoint, enqueue, startTestWorker } from '../testing/webhookTestKit.js';
import type { WebhookWorker } from './startWebhookWorker.js';

const DAY = 86_400_000;
let h: Harness;
let receiver: WebhookReceiver;
const workers: WebhookWorker[] = [];
beforeAll(async () => {
  h = await createHarness();
  receiver = await startWebhookReceiver();
}, STORE_HOOK_TIMEOUT_MS);
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop({ deadlineMs: 100 })));
  receiver.received.length = 0;
  receiver.handle(() => ({ status: 204 }));
});
afterAll(async () => {
  await receiver?.close();
  await h?.dispose();
});
const worker = (options: Parameters<typeof startTestWorker>[1] = {}) => {
  const started = startTestWorker(h, options);
  workers.push(started);
  return started;
};
const endpointRow = async (id: string) =>
  (
    await h.store.query<{ enabled: boolean; disabled_reason: string | null; disabled_at: Date | null; failing_since: Date | null }>(
      'SELECT enabled, disabled_reason, disabled_at, failing_since FROM webhook_endpoints WHERE id = $1',
      [id],
    )
  ).rows[0];
const deliveriesOf = async (endpointId: string) =>
  (await h.store.query<{ status: string }>('SELECT status FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY seq', [endpointId])).rows.map(
    (row) => row.status,
  );

describe('failing endpoints', () => {
  it('disables an endpoint failing for 3 days, cancels its deliveries and tells the site’s other endpoints only', async () => {
    const site = await createTestSite(h.store);
    const failing = await createEndpoint(h, site, `${receiver.url}/failing`, ['loyalty.points.awarded']);
    const watcher = await createEndpoint(h, site, `${receiver.url}/watcher`, ['webhook.endpoint.disabled']);
    const other = await createTestSite(h.store);
    const elsewhere = await createEndpoint(h, other, `${receiver.url}/elsewhere`);
    receiver.handle((request) => (request.path === '/failing' ? { status: 500, body: 'broken' } : { status: 200 }));
    const started = h.clock.now();
    await enqueue(h, site.site.id, 'loyalty.points.awarded', 'ct_1');
    await enqueue(h, site.site.id, 'loyalty.points.awarded', 'ct_1'); // waits behind the first (same contact)
    const w = worker();
    await w.drain();
    expect(await endpointRow(failing.id)).toMatchObject({ enabled: true, failing_since: started });
    h.clock.advance(3 * DAY - 60_000);
    await w.drain();
    expect((await endpointRow(failing.id))?.enabled).toBe(true);
    h.clock.advance(60_000);
    await w.drain();
    const disabledAt = h.clock.now();
    expect(await endpointRow(failing.id)).toEqual({ enabled: false, disabled_reason: 'failing', disabled_at: disabledAt, failing_since: started });
    expect(await deliveriesOf(failing.id)).toEqual(['cancelled', 'cancelled']);
    const toWatcher = receiver.received.filter((r) => r.path === '/watcher');
    expect(toWatcher).toHaveLength(1);
    expect(JSON.parse(toWatcher[0]!.body)).toEqual({
      type: 'webhook.endpoint.disabled',
      timestamp: disabledAt.toISOString(),
      data: { endpointId: failing.id, url: failing.url, reason: 'failing', failingSince: started.toISOString(), disabledAt: disabledAt.toISOString() },
    });
    expect(receiver.received.filter((r) => r.path === '/failing').length).toBeGreaterThanOrEqual(2);
    expect(receiver.received.some((r) => r.path === '/elsewhere')).toBe(false);
    expect(await deliveriesOf(elsewhere.id)).toEqual([]);
    expect(await deliveriesOf(watcher.id)).toEqual(['succeeded']);
    // Nothing more goes to the disabled endpoint.
    await enqueue(h, site.site.id, 'loyalty.points.awarded', 'ct_2');
    h.clock.advance(DAY);
    await w.drain();
    expect(await deliveriesOf(failing.id)).toEqual(['cancelled', 'cancelled']);
  });

  it('disables at once on 410 Gone, and when a delivery uses up its retry schedule', async () => {
    const site = await createTestSite(h.store);
    const gone = await createEndpoint(h, site, `${receiver.url}/gone`, ['preferences.changed']);
    const flaky = await createEndpoint(h, site, `${receiver.url}/flaky`, ['preferences.paused']);
    receiver.handle((request) => ({ status: request.path === '/gone' ? 410 : 502 }));
    await enqueue(h, site.site.id, 'preferences.changed');
    await enqueue(h, site.site.id, 'preferences.paused');
    const w = worker({ retrySchedule: [1_000, 2_000] });
    await w.drain();
    expect(await endpointRow(gone.id)).toMatchObject({ enabled: false, disabled_reason: 'failing' });
    expect(await deliveriesOf(gone.id)).toEqual(['failed']);
    for (let i = 0; i < 2; i += 1) {
      h.clock.advance(3_000);
      await w.drain();
    }
    expect(receiver.received.filter((r) => r.path === '/flaky')).toHaveLength(3);
    expect(await deliveriesOf(flaky.id)).toEqual(['failed']);
    expect(await endpointRow(flaky.id)).toMatchObject({ enabled: false, disabled_reason: 'failing' });
  });

  it('waits as long as a 429 or 503 asks (Retry-After in seconds or as a date, at most 6 h)', async () => {
    const site = await createTestSite(h.store);
    await createEndpoint(h, site, `${receiver.url}/busy`);
    const asks = ['120', new Date(h.clock.now().getTime() + 600_000).toUTCString(), '999999'];
    const events = [];
    for (const ask of asks) {
      const id = await enqueue(h, site.site.id, 'webhook.test');
      events.push(id);
      const status = ask === '120' ? 429 : 503;
      receiver.handle((request) => ({ status: request.id === id ? status : 204, headers: { 'retry-after': ask } }));
      await worker().drain();
    }
    const { rows } = await h.store.query<{ event_id: string; wait_s: number }>(
      `SELECT event_id, extract(epoch FROM next_attempt_at - $2::timestamptz)::int AS wait_s FROM webhook_deliveries WHERE event_id = ANY ($1::text[])`,
      [events, h.clock.now()],
    );
    const waits = new Map(rows.map((row) => [row.event_id, row.wait_s]));
    expect(events.map((id) => waits.get(id))).toEqual([120, 600, 6 * 3_600]);
  });

  it('records an answer of 10 MB or one that never ends as a failed attempt within the timeout, and goes on', async () => {
    const site = await createTestSite(h.store);
    const endpoint = await createEndpoint(h, site, `${receiver.url}/bad`);
    receiver.handle((request, res) => {
      const data = JSON.parse(request.body) as { data: { kind?: string } };
      if (data.data.kind === 'ok') return { status: 200 };
      res.writeHead(200);
      if (data.data.kind === 'endless') return void res.write('partial'), 'handled';
      res.write(Buffer.alloc(10 * 1024 * 1024, 'x'));
      res.end();
      return 'handled';
    });
    for (const kind of ['huge', 'endless', 'ok']) await enqueue(h, site.site.id, 'webhook.test', null, { kind });
    const started = performance.now();
    await worker({ timeoutMs: 1_000 }).drain();
    const ms = Math.round(performance.now() - started);
    const { rows } = await h.store.query<{ status_code: number | null; error: string | null; kind: string }>(
      `SELECT a.status_code, a.error, e.payload->'data'->>'kind' AS kind FROM webhook_attempts a JOIN webhook_events e ON e.id = a.event_id
       WHERE a.endpoint_id = $1 ORDER BY e.seq`,
      [endpoint.id],
    );
    console.log(`worker: 10 MB, endless and normal answers handled in ${ms} ms: ${rows.map((r) => `${r.kind} → ${r.status_code} ${r.error ?? 'ok'}`).join('; ')}`);
    expect(rows).toEqual([
      { kind: 'huge', status_code: 200, error: 'response over 65536 bytes' },
      { kind: 'endless', status_code: 200, error: 'timeout reading the response' },
      { kind: 'ok', status_code: 200, error: null },
    ]);
    expect(ms).toBeLessThan(5_000);
    expect(await deliveriesOf(endpoint.id)).toEqual(['pending', 'pending', 'succeeded']);
  });
});
