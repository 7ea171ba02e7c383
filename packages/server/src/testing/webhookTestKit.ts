import { createHmac } from 'node:crypto';
import type { WebhookEventType } from '@rapport/core/schemas';
import { WebhookEndpointWithSecretSchema, type WebhookEndpointWithSecret } from '@rapport/core/schemas';
import { createSilentLogger } from '../logger.js';
import type { CreatedSite } from '../sites/createSite.js';
import { enqueueWebhookEvent } from '../webhooks/enqueueWebhookEvent.js';
import { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from '../webhooks/startWebhookWorker.js';
import type { Harness } from './testHarness.js';
import type { ReceivedWebhook } from './startWebhookReceiver.js';

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
