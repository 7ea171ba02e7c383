import { WebhookEndpointWithSecretSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../packages/server/src/testing/startWebhookReceiver.js';
import { enqueueWebhookEvent } from '../../packages/server/src/webhooks/enqueueWebhookEvent.js';
import { callApiExpecting } from '../chaos/callApi.js';
import { createChaosSite } from '../chaos/createChaosSite.js';
import { createPostgresSchema, type PostgresSchema } from '../chaos/createPostgresSchema.js';
import { startChaosServer, type ChaosServer } from '../chaos/startChaosServer.js';

// Webhook attempts once in a cluster (issue 18): two server processes on one PostgreSQL schema both run the delivery
// loop over one outbox. The receiver (in this process) answers 500 to a fifth of the requests; every attempt the
// servers record reached it exactly once, and no event is sent again once it was answered 2xx.
const EVENTS = 400;
const FAIL_EVERY = 5;

let db: PostgresSchema | undefined;
let receiver: WebhookReceiver | undefined;
const servers: ChaosServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.dispose()));
  await receiver?.close();
  await db?.drop();
});

describe('two server processes deliver each webhook attempt once', () => {
  let siteId: string;
  let secretKey: string;

  beforeAll(async () => {
    db = await createPostgresSchema();
    receiver = await startWebhookReceiver();
    const site = await createChaosSite(db.store);
    siteId = site.site.id;
    secretKey = site.secretKey;
    vi.stubEnv('CHAOS_WEBHOOKS_ALLOW_PRIVATE', '1');
    vi.stubEnv('CHAOS_WEBHOOK_RETRY_MS', '200,400,800,1000,1000,1000,1000,1000');
    try {
      for (let i = 0; i < 2; i += 1) servers.push(await startChaosServer({ databaseUrl: db.databaseUrl }));
    } finally {
      vi.unstubAllEnvs();
    }
    for (const server of servers) await server.start();
  });

  it(`sends ${EVENTS} events with retries, no attempt twice`, async () => {
    const store = db!.store;
    const endpoint = WebhookEndpointWithSecretSchema.parse(
      await callApiExpecting([201], servers[0]!.url, { secretKey }, '/v1/admin/webhooks/endpoints', {
        method: 'POST',
        body: { url: `${receiver!.url}/hooks` },
      }),
    );
    let n = 0;
    const okCount = new Map<string, number>();
    const afterOk: string[] = [];
    receiver!.handle((request) => {
      if (okCount.has(request.id)) afterOk.push(request.id);
      n += 1;
      if (n % FAIL_EVERY === 0) return { status: 500 };
      okCount.set(request.id, 1);
      return { status: 200 };
    });
    const started = performance.now();
    const eventIds: string[] = [];
    for (let i = 0; i < EVENTS; i += 20) {
      const batch = await store.transaction(async (tx) => {
        const ids: string[] = [];
        for (let j = i; j < i + 20; j += 1) {
          ids.push(await enqueueWebhookEvent(tx, { siteId, type: 'webhook.test', contactId: null, data: { index: j }, now: new Date() }));
        }
        return ids;
      });
      eventIds.push(...batch);
    }
    for (;;) {
      const { rows } = await store.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`,
        [endpoint.id],
      );
      if (rows[0]?.pending === 0) break;
      if (performance.now() - started > 60_000) throw new Error(`${rows[0]?.pending} deliveries still pending after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const elapsedMs = Math.round(performance.now() - started);
    const { rows: recorded } = await store.query<{ event_id: string; attempts: number; last: number }>(
      `SELECT event_id, count(*)::int AS attempts, max(attempt)::int AS last FROM webhook_attempts WHERE endpoint_id = $1 GROUP BY event_id`,
      [endpoint.id],
    );
    const received = new Map<string, number>();
    for (const request of receiver!.received) received.set(request.id, (received.get(request.id) ?? 0) + 1);
    const mismatched = recorded.filter((row) => received.get(row.event_id) !== row.attempts || row.last !== row.attempts);
    const perEvent = recorded.map((row) => row.attempts);
    console.log(
      `cluster webhooks: ${EVENTS} events, 2 processes, receiver failing 1 request in ${FAIL_EVERY} → delivered in ${elapsedMs} ms, ` +
        `${receiver!.received.length} requests for ${recorded.reduce((sum, row) => sum + row.attempts, 0)} recorded attempts, ` +
        `attempts per event ${Math.min(...perEvent)}–${Math.max(...perEvent)}, sends after a 2xx: ${afterOk.length}`,
    );
    expect(recorded).toHaveLength(EVENTS);
    expect(mismatched).toEqual([]);
    expect(afterOk).toEqual([]);
    expect(eventIds.every((id) => okCount.get(id) === 1)).toBe(true);
    for (const server of servers) expect(server.errors()).toEqual([]);
    await Promise.all(servers.map((server) => server.stop()));
  });
});
