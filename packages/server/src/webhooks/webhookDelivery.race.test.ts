import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logger.js';
import { createRandom } from '../testing/createRandom.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/startWebhookReceiver.js';
import { createTestSite, type Harness } from '../testing/testHarness.js';
import { createEndpoint, enqueue } from '../testing/webhookTestKit.js';
import { startWebhookWorker, type WebhookWorker } from './startWebhookWorker.js';

// At-least-once under a bad receiver, time scaled down: 3 workers (as 3 instances) on one PostgreSQL database
// deliver 1,000 events written by 50 concurrent writers (one chain of 20 events per contact) to a receiver that
// answers 500 to half the requests and is down twice for 1.5 s (scaled from "about a minute"). The retry schedule
// is the default's shape in milliseconds (50 ms growing to 800 ms), long enough never to run out.
const CONTACTS = 50;
const PER_CONTACT = 20;
const EVENTS = CONTACTS * PER_CONTACT;
const SEED = 18_001;
const SCHEDULE = Array.from({ length: 40 }, (_, i) => Math.min(50 * 2 ** i, 800));

let h: Harness;
let receiver: WebhookReceiver;
const workers: WebhookWorker[] = [];
beforeAll(async () => {
  h = await createRaceHarness();
  receiver = await startWebhookReceiver();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop({ deadlineMs: 1_000 })));
  await receiver?.close();
  await h?.dispose();
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('webhook delivery under failures (PostgreSQL, real clock)', () => {
  it(`delivers ${EVENTS} events through 500s and two outages: none lost, repeats only as retries, each contact in order`, async () => {
    const site = await createTestSite(h.store);
    const endpoint = await createEndpoint(h, site, `${receiver.url}/hooks`);
    const random = createRandom(SEED);
    const successes = new Map<string, number>();
    const lateRepeats: string[] = [];
    const okOrder = new Map<string, number[]>();
    receiver.handle((request) => {
      if (successes.has(request.id)) lateRepeats.push(request.id);
      if (random() < 0.5) return { status: 500, body: 'try again' };
      successes.set(request.id, (successes.get(request.id) ?? 0) + 1);
      const { data } = JSON.parse(request.body) as { data: { contact: string; index: number } };
      okOrder.set(data.contact, [...(okOrder.get(data.contact) ?? []), data.index]);
      return { status: 200 };
    });
    for (let i = 0; i < 3; i += 1) {
      workers.push(
        startWebhookWorker({
          store: h.store,
          logger: createSilentLogger(),
          allowPrivateNetworks: true,
          pollIntervalMs: 200,
          concurrency: 8,
          timeoutMs: 2_000,
          connectTimeoutMs: 500,
          retrySchedule: SCHEDULE,
          disableAfterMs: 3_600_000,
        }),
      );
    }
    const started = performance.now();
    const outages = [1_500, 5_000].map(
      (at) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            void receiver.setDown(true).then(() => setTimeout(() => void receiver.setDown(false).then(resolve), 1_500));
          }, at),
        ),
    );
    const written = await concurrently(h, CONTACTS, async (contact) => {
      const ids: string[] = [];
      for (let index = 0; index < PER_CONTACT; index += 1) {
        ids.push(await enqueue(h, site.site.id, 'loyalty.points.awarded', `ct_${contact}`, { contact: `ct_${contact}`, index }));
      }
      return ids;
    });
    const eventIds = written.results.flat();
    await Promise.all(outages);
    for (;;) {
      const { rows } = await h.store.query<{ pending: number }>(
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending FROM webhook_deliveries WHERE endpoint_id = $1`,
        [endpoint.id],
      );
      if (rows[0]?.pending === 0) break;
      if (performance.now() - started > 100_000) throw new Error(`${rows[0]?.pending} deliveries still pending after 100 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const elapsedMs = Math.round(performance.now() - started);

    const { rows: deliveries } = await h.store.query<{ event_id: string; status: string; attempts: number; recorded: number }>(
      `SELECT d.event_id, d.status, d.attempts, (SELECT count(*)::int FROM webhook_attempts a WHERE a.delivery_id = d.id) AS recorded
       FROM webhook_deliveries d WHERE d.endpoint_id = $1`,
      [endpoint.id],
    );
    const attempts = deliveries.map((d) => d.recorded);
    const received = new Map<string, number>();
    for (const request of receiver.received) received.set(request.id, (received.get(request.id) ?? 0) + 1);
    const refusedByOutage = deliveries.reduce((sum, d) => sum + d.recorded - (received.get(d.event_id) ?? 0), 0);
    console.log(
      `webhook race: ${EVENTS} events (${CONTACTS} writers, ${written.elapsedMs} ms to write) delivered by 3 workers in ${elapsedMs} ms; ` +
        `attempts per event min ${Math.min(...attempts)} / median ${median(attempts)} / max ${Math.max(...attempts)}; ` +
        `${receiver.received.length} requests received (${receiver.received.length - EVENTS} repeats after a 500), ` +
        `${refusedByOutage} attempts failed during the outages`,
    );
    expect(new Set(eventIds).size).toBe(EVENTS);
    expect(deliveries).toHaveLength(EVENTS);
    expect(deliveries.every((d) => d.status === 'succeeded' && d.attempts === d.recorded)).toBe(true);
    // Every event answered 200 exactly once; never sent again after that; nothing unknown received.
    expect(eventIds.filter((id) => successes.get(id) !== 1)).toEqual([]);
    expect(lateRepeats).toEqual([]);
    expect(receiver.received.every((request) => eventIds.includes(request.id))).toBe(true);
    // Each contact's events were accepted in the order they were written.
    for (const [contact, order] of okOrder) expect(order, contact).toEqual(Array.from({ length: PER_CONTACT }, (_, i) => i));
    expect(okOrder.size).toBe(CONTACTS);
  }, 150_000);
});
