import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { WebhookEventType } from '@rapport/core/schemas';
import { WebhookEndpointWithSecretSchema, type WebhookEndpointWithSecret } from '@rapport/core/schemas';
import { createSilentLogger } from '../logger.js';
import type { CreatedSite } from '../sites/createSite.js';
import { enqueueWebhookEvent } from '../webhooks/enqueueWebhookEvent.js';
import { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from '../webhooks/startWebhookWorker.js';
import { STORE_HOOK_TIMEOUT_MS } from './createTestStore.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './startWebhookReceiver.js';
import { createHarness, type Harness } from './testHarness.js';

/** Creates an endpoint through the admin API of an app with the development allowance. */
export async function createEndpoint(h: Harness, site: CreatedSite, url: string, eventTypes: WebhookEventType[] = []): Promise<WebhookEndpointWithSecret> {
  const app = h.makeApp({ webhooks: { allowPrivateNetworks: true } });
  const response = await h.call(
    '/v1/admin/webhooks/endpoints',
    { method: 'POST', publishableKey: null, bearer: site.secretKey, body: { url, eventTypes } },
    app,
  );
  if (response.status !== 201) throw new Error(`create endpoint answered ${response.status}: ${await response.text()}`);
  return WebhookEndpointWithSecretSchema.parse(await response.json());
}

/** Writes one event in a transaction of its own, at the harness clock's time. */
export function enqueue(h: Harness, siteId: string, type: WebhookEventType, contactId: string | null = null, data: Record<string, unknown> = {}) {
  return h.store.transaction((tx) => enqueueWebhookEvent(tx, { siteId, type, contactId, data, now: h.clock.now() }));
}

/** A worker on the harness's store and clock, sending to 127.0.0.1, that only runs when drained (long poll interval). */
export function startTestWorker(h: Harness, options: Partial<Omit<WebhookWorkerOptions, 'store'>> = {}): WebhookWorker {
  return startWebhookWorker({
    store: h.store,
    logger: createSilentLogger(),
    clock: h.clock.now,
    allowPrivateNetworks: true,
    pollIntervalMs: 3_600_000,
    timeoutMs: 2_000,
    connectTimeoutMs: 1_000,
    random: () => 0.5,
    ...options,
  });
}

/** Which of `secrets` signed `request` (Standard Webhooks, computed here with node:crypto), in signature order. */
export function signersOf(request: ReceivedWebhook, secrets: Record<string, string>): string[] {
  const signed = `${request.id}.${request.timestamp}.${request.body}`;
  return request.signature.split(' ').map((signature) => {
    const match = Object.entries(secrets).find(
      ([, secret]) =>
        signature === `v1,${createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(signed).digest('base64')}`,
    );
    return match?.[0] ?? 'unknown';
  });
}

/** What {@link createWorkerTestBed} gives a test file: the harness, the receiver, and workers stopped after each test. */
export interface WorkerTestBed {
  readonly h: Harness;
  readonly receiver: WebhookReceiver;
  /** Starts a worker over the harness's store, stopped (100 ms deadline) after the test. */
  worker(options?: Parameters<typeof startTestWorker>[1]): WebhookWorker;
}

/**
 * Registers the hooks of a worker test file: a harness and a receiver for the file, every worker stopped and the
 * receiver reset (answering 204, nothing received) after each test.
 */
export function createWorkerTestBed(): WorkerTestBed {
  let h: Harness | undefined;
  let receiver: WebhookReceiver | undefined;
  const workers: WebhookWorker[] = [];
  beforeAll(async () => {
    h = await createHarness();
    receiver = await startWebhookReceiver();
  }, STORE_HOOK_TIMEOUT_MS);
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop({ deadlineMs: 100 })));
    if (!receiver) return;
    receiver.received.length = 0;
    receiver.handle(() => ({ status: 204 }));
  });
  afterAll(async () => {
    await receiver?.close();
    await h?.dispose();
  });
  return {
    get h() {
      if (!h) throw new Error('The harness starts in beforeAll');
      return h;
    },
    get receiver() {
      if (!receiver) throw new Error('The receiver starts in beforeAll');
      return receiver;
    },
    worker(options = {}) {
      const started = startTestWorker(this.h, options);
      workers.push(started);
      return started;
    },
  };
}
