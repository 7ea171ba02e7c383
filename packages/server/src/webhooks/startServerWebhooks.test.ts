import { RAPPORT_HEADERS } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logger.js';
import { startServer } from '../startServer.js';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/startWebhookReceiver.js';
import { createTestSite } from '../testing/testHarness.js';
import { createTestStore, STORE_HOOK_TIMEOUT_MS, type TestStore } from '../testing/createTestStore.js';

let testStore: TestStore;
let receiver: WebhookReceiver;
beforeAll(async () => {
  testStore = await createTestStore();
  receiver = await startWebhookReceiver();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(async () => {
  await receiver?.close();
  await testStore?.dispose();
});

describe('startServer runs the webhook loop', () => {
  it('delivers an event queued through the API within a second, and stops within the shutdown deadline', async () => {
    const site = await createTestSite(testStore.store);
    const server = await startServer({
      store: testStore.store,
      port: 0,
      logger: createSilentLogger(),
      accessLog: false,
      maintenanceIntervalMs: false,
      shutdownTimeoutMs: 500,
      webhooks: { allowPrivateNetworks: true, timeoutMs: 30_000 },
    });
    try {
      let sent = 0;
      const call = (path: string, body?: unknown) =>
        fetch(`${server.url}/v1/admin/webhooks${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json', [RAPPORT_HEADERS.idempotencyKey]: `${path}#${(sent += 1)}` },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const created = await call('/endpoints', { url: `${receiver.url}/hooks` });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const queuedAt = performance.now();
      expect((await call(`/endpoints/${id}/test`)).status).toBe(202);
      while (receiver.received.length === 0) {
        if (performance.now() - queuedAt > 5_000) throw new Error('not delivered within 5 s');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const latencyMs = Math.round(performance.now() - queuedAt);
      console.log(`startServer: test event queued → received in ${latencyMs} ms (poll interval 500 ms)`);
      expect(latencyMs).toBeLessThan(1_500);
      expect(server.webhooks).not.toBeNull();

      receiver.handle(() => 'handled'); // the next attempt hangs
      expect((await call(`/endpoints/${id}/test`)).status).toBe(202);
      while (receiver.received.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      const closing = performance.now();
      await server.close();
      const closeMs = Math.round(performance.now() - closing);
      console.log(`startServer: closed in ${closeMs} ms with a webhook send hanging (deadline 500 ms)`);
      expect(closeMs).toBeLessThan(2_000);
    }
    const { rows } = await testStore.store.query<{ error: string | null }>(
      `SELECT a.error FROM webhook_attempts a WHERE a.site_id = $1 ORDER BY a.seq`,
      [site.site.id],
    );
    expect(rows).toEqual([{ error: null }, { error: 'abandoned: the server shut down' }]);
  });
});
