import { describe, expect, it } from 'vitest';
import { createTestSite } from '../testing/testHarness.js';
import { createEndpoint, createWorkerTestBed, enqueue } from '../testing/webhookTestKit.js';

const DAY = 86_400_000;
const bed = createWorkerTestBed();
const worker = bed.worker.bind(bed);
const endpointRow = async (id: string) =>
  (
    await bed.h.store.query<{ enabled: boolean; disabled_reason: string | null; disabled_at: Date | null; failing_since: Date | null }>(
      'SELECT enabled, disabled_reason, disabled_at, failing_since FROM webhook_endpoints WHERE id = $1',
      [id],
    )
  ).rows[0];
const deliveriesOf = async (endpointId: string) =>
  (await bed.h.store.query<{ status: string }>('SELECT status FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY seq', [endpointId])).rows.map(
    (row) => row.status,
  );

describe('failing endpoints', () => {
  it('disables an endpoint failing for 3 days, cancels its deliveries and tells the site’s other endpoints only', async () => {
    const site = await createTestSite(bed.h.store);
    const failing = await createEndpoint(bed.h, site, `${bed.receiver.url}/failing`, ['loyalty.points.awarded']);
    const watcher = await createEndpoint(bed.h, site, `${bed.receiver.url}/watcher`, ['webhook.endpoint.disabled']);
    const other = await createTestSite(bed.h.store);
    const elsewhere = await createEndpoint(bed.h, other, `${bed.receiver.url}/elsewhere`);
    bed.receiver.handle((request) => (request.path === '/failing' ? { status: 500, body: 'broken' } : { status: 200 }));
    const started = bed.h.clock.now();
    await enqueue(bed.h, site.site.id, 'loyalty.points.awarded', 'ct_1');
    await enqueue(bed.h, site.site.id, 'loyalty.points.awarded', 'ct_1'); // waits behind the first (same contact)
    const w = worker();
    await w.drain();
    expect(await endpointRow(failing.id)).toMatchObject({ enabled: true, failing_since: started });
    bed.h.clock.advance(3 * DAY - 60_000);
    await w.drain();
    expect((await endpointRow(failing.id))?.enabled).toBe(true);
    bed.h.clock.advance(60_000);
    await w.drain();
    const disabledAt = bed.h.clock.now();
    expect(await endpointRow(failing.id)).toEqual({ enabled: false, disabled_reason: 'failing', disabled_at: disabledAt, failing_since: started });
    expect(await deliveriesOf(failing.id)).toEqual(['cancelled', 'cancelled']);
    const toWatcher = bed.receiver.received.filter((r) => r.path === '/watcher');
    expect(toWatcher).toHaveLength(1);
    expect(JSON.parse(toWatcher[0]!.body)).toEqual({
      type: 'webhook.endpoint.disabled',
      timestamp: disabledAt.toISOString(),
      data: { endpointId: failing.id, url: failing.url, reason: 'failing', failingSince: started.toISOString(), disabledAt: disabledAt.toISOString() },
    });
    expect(bed.receiver.received.filter((r) => r.path === '/failing').length).toBeGreaterThanOrEqual(2);
    expect(bed.receiver.received.some((r) => r.path === '/elsewhere')).toBe(false);
    expect(await deliveriesOf(elsewhere.id)).toEqual([]);
    expect(await deliveriesOf(watcher.id)).toEqual(['succeeded']);
    // Nothing more goes to the disabled endpoint.
    await enqueue(bed.h, site.site.id, 'loyalty.points.awarded', 'ct_2');
    bed.h.clock.advance(DAY);
    await w.drain();
    expect(await deliveriesOf(failing.id)).toEqual(['cancelled', 'cancelled']);
  });

  it('disables at once on 410 Gone, and when a delivery uses up its retry schedule', async () => {
    const site = await createTestSite(bed.h.store);
    const gone = await createEndpoint(bed.h, site, `${bed.receiver.url}/gone`, ['preferences.changed']);
    const flaky = await createEndpoint(bed.h, site, `${bed.receiver.url}/flaky`, ['preferences.paused']);
    bed.receiver.handle((request) => ({ status: request.path === '/gone' ? 410 : 502 }));
    await enqueue(bed.h, site.site.id, 'preferences.changed');
    await enqueue(bed.h, site.site.id, 'preferences.paused');
    const w = worker({ retrySchedule: [1_000, 2_000] });
    await w.drain();
    expect(await endpointRow(gone.id)).toMatchObject({ enabled: false, disabled_reason: 'failing' });
    expect(await deliveriesOf(gone.id)).toEqual(['failed']);
    for (let i = 0; i < 2; i += 1) {
      bed.h.clock.advance(3_000);
      await w.drain();
    }
    expect(bed.receiver.received.filter((r) => r.path === '/flaky')).toHaveLength(3);
    expect(await deliveriesOf(flaky.id)).toEqual(['failed']);
    expect(await endpointRow(flaky.id)).toMatchObject({ enabled: false, disabled_reason: 'failing' });
  });

  it('waits as long as a 429 or 503 asks (Retry-After in seconds or as a date, at most 6 bed.h)', async () => {
    const site = await createTestSite(bed.h.store);
    await createEndpoint(bed.h, site, `${bed.receiver.url}/busy`);
    const asks = ['120', new Date(bed.h.clock.now().getTime() + 600_000).toUTCString(), '999999'];
    const events = [];
    for (const ask of asks) {
      const id = await enqueue(bed.h, site.site.id, 'webhook.test');
      events.push(id);
      const status = ask === '120' ? 429 : 503;
      bed.receiver.handle((request) => ({ status: request.id === id ? status : 204, headers: { 'retry-after': ask } }));
      await worker().drain();
    }
    const { rows } = await bed.h.store.query<{ event_id: string; wait_s: number }>(
      `SELECT event_id, extract(epoch FROM next_attempt_at - $2::timestamptz)::int AS wait_s FROM webhook_deliveries WHERE event_id = ANY ($1::text[])`,
      [events, bed.h.clock.now()],
    );
    const waits = new Map(rows.map((row) => [row.event_id, row.wait_s]));
    expect(events.map((id) => waits.get(id))).toEqual([120, 600, 6 * 3_600]);
  });

  it('records an answer of 10 MB or one that never ends as a failed attempt within the timeout, and goes on', async () => {
    const site = await createTestSite(bed.h.store);
    const endpoint = await createEndpoint(bed.h, site, `${bed.receiver.url}/bad`);
    bed.receiver.handle((request, res) => {
      const data = JSON.parse(request.body) as { data: { kind?: string } };
      if (data.data.kind === 'ok') return { status: 200 };
      res.writeHead(200);
      if (data.data.kind === 'endless') return void res.write('partial'), 'handled';
      res.write(Buffer.alloc(10 * 1024 * 1024, 'x'));
      res.end();
      return 'handled';
    });
    for (const kind of ['huge', 'endless', 'ok']) await enqueue(bed.h, site.site.id, 'webhook.test', null, { kind });
    const started = performance.now();
    await worker({ timeoutMs: 1_000 }).drain();
    const ms = Math.round(performance.now() - started);
    const { rows } = await bed.h.store.query<{ status_code: number | null; error: string | null; kind: string }>(
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
