import { describe, expect, it } from 'vitest';
import { createTestSite } from '../testing/testHarness.js';
import { createEndpoint, createWorkerTestBed, enqueue, signersOf, startTestWorker } from '../testing/webhookTestKit.js';

const bed = createWorkerTestBed();
const worker = bed.worker.bind(bed);
const attemptsOf = async (eventId: string) =>
  (
    await bed.h.store.query<{ attempt: number; status_code: number | null; error: string | null }>(
      'SELECT attempt, status_code, error FROM webhook_attempts WHERE event_id = $1 ORDER BY attempt',
      [eventId],
    )
  ).rows;

describe('the webhook worker', () => {
  it('delivers a signed event once, with its id and the exact body; two signatures during a rotation, one after', async () => {
    const site = await createTestSite(bed.h.store);
    const endpoint = await createEndpoint(bed.h, site, `${bed.receiver.url}/hooks`);
    const first = await enqueue(bed.h, site.site.id, 'loyalty.points.awarded', 'ct_1', { points: 10 });
    const w = worker();
    expect(await w.drain()).toBe(1);
    expect(bed.receiver.received).toHaveLength(1);
    const [got] = bed.receiver.received;
    expect(got).toMatchObject({ id: first, path: '/hooks', timestamp: String(Math.floor(bed.h.clock.now().getTime() / 1000)) });
    expect(JSON.parse(got!.body)).toEqual({ type: 'loyalty.points.awarded', timestamp: bed.h.clock.now().toISOString(), data: { points: 10 } });
    expect(signersOf(got!, { current: endpoint.secret })).toEqual(['current']);
    expect(await attemptsOf(first)).toEqual([{ attempt: 1, status_code: 204, error: null }]);

    const rotate = await bed.h.call(`/v1/admin/webhooks/endpoints/${endpoint.id}/rotate-secret`, {
      method: 'POST', publishableKey: null, bearer: site.secretKey, body: { overlapSeconds: 600 },
    });
    const { secret } = (await rotate.json()) as { secret: string };
    await enqueue(bed.h, site.site.id, 'loyalty.points.awarded', 'ct_1');
    await w.drain();
    expect(signersOf(bed.receiver.received[1]!, { current: secret, previous: endpoint.secret })).toEqual(['current', 'previous']);
    bed.h.clock.advance(600_001);
    await enqueue(bed.h, site.site.id, 'loyalty.points.awarded', 'ct_1');
    await w.drain();
    expect(signersOf(bed.receiver.received[2]!, { current: secret, previous: endpoint.secret })).toEqual(['current']);
  });

  it('never delivers an event whose transaction rolled back', async () => {
    const site = await createTestSite(bed.h.store);
    await createEndpoint(bed.h, site, `${bed.receiver.url}/hooks`);
    const { enqueueWebhookEvent } = await import('./enqueueWebhookEvent.js');
    await expect(
      bed.h.store.transaction(async (tx) => {
        await enqueueWebhookEvent(tx, { siteId: site.site.id, type: 'preferences.changed', contactId: 'ct_1', data: {}, now: bed.h.clock.now() });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const kept = await enqueue(bed.h, site.site.id, 'preferences.changed', 'ct_2');
    expect(await worker().drain()).toBe(1);
    expect(bed.receiver.received.map((r) => r.id)).toEqual([kept]);
    const { rows } = await bed.h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_events WHERE site_id = $1', [site.site.id]);
    expect(rows[0]?.n).toBe(1);
  });

  it('keeps a contact’s events in order for an endpoint: a later one waits while an earlier one is retried', async () => {
    const site = await createTestSite(bed.h.store);
    await createEndpoint(bed.h, site, `${bed.receiver.url}/hooks`);
    const a1 = await enqueue(bed.h, site.site.id, 'preferences.changed', 'ct_a');
    const a2 = await enqueue(bed.h, site.site.id, 'preferences.paused', 'ct_a');
    const b1 = await enqueue(bed.h, site.site.id, 'preferences.changed', 'ct_b');
    let failFirst = true;
    bed.receiver.handle((request) => {
      if (request.id === a1 && failFirst) {
        failFirst = false;
        return { status: 500, body: 'down for a moment' };
      }
      return { status: 200 };
    });
    const w = worker();
    await w.drain();
    expect(bed.receiver.received.map((r) => r.id).sort()).toEqual([a1, b1].sort());
    bed.h.clock.advance(10_000);
    await w.drain();
    expect(bed.receiver.received.map((r) => r.id).slice(2)).toEqual([a1, a2]);
    expect(await attemptsOf(a1)).toEqual([
      { attempt: 1, status_code: 500, error: null },
      { attempt: 2, status_code: 200, error: null },
    ]);
    const { rows } = await bed.h.store.query<{ failing_since: Date | null }>('SELECT failing_since FROM webhook_endpoints WHERE site_id = $1', [site.site.id]);
    expect(rows[0]?.failing_since).toBeNull();
  });

  it('on stop, abandons a send that outlives the deadline: recorded, and due again at once', async () => {
    const site = await createTestSite(bed.h.store);
    await createEndpoint(bed.h, site, `${bed.receiver.url}/hooks`);
    bed.receiver.handle(() => 'handled'); // never answers
    const eventId = await enqueue(bed.h, site.site.id, 'webhook.test');
    const w = startTestWorker(bed.h, { timeoutMs: 30_000, pollIntervalMs: 50 });
    while (bed.receiver.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    await w.stop({ deadlineMs: 200 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await attemptsOf(eventId)).toEqual([{ attempt: 1, status_code: null, error: 'abandoned: the server shut down' }]);
    const { rows } = await bed.h.store.query<{ status: string; due: boolean }>(
      'SELECT status, next_attempt_at <= $2 AS due FROM webhook_deliveries WHERE event_id = $1',
      [eventId, bed.h.clock.now()],
    );
    expect(rows).toEqual([{ status: 'pending', due: true }]);
  });
});
