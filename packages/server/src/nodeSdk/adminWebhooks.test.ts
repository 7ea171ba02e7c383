import { verifyWebhook } from '@rapport/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminSdkKit, operationsOfDomains, type AdminSdkKit } from '../testing/createAdminSdkKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';
import { signWebhook } from '../webhooks/signWebhook.js';

// @rapport/node's webhook methods against the real app, in-process (no delivery worker runs: nothing is sent).
let h: Harness;
let sdk: AdminSdkKit;

beforeAll(async () => {
  // Endpoint host names resolve to a public address without DNS.
  h = await createHarness({ webhooks: { resolveHost: async () => ['93.184.216.34'] } });
  sdk = await createAdminSdkKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('admin.webhooks', () => {
  it('creates, lists, iterates, gets, updates, rotates and deletes endpoints', async () => {
    const { admin } = sdk;
    const created = await admin.webhooks.createEndpoint({ url: 'https://hooks.example.com/rapport', description: 'CRM', eventTypes: ['preferences.unsubscribed_all'] });
    expect(created.secret).toMatch(/^whsec_/);
    for (const n of [2, 3, 4]) await admin.webhooks.createEndpoint({ url: `https://hooks.example.com/${n}` });
    const page = await admin.webhooks.listEndpoints({ limit: 1 });
    expect(page.items).toHaveLength(1);
    const urls = [];
    for await (const endpoint of admin.webhooks.endpoints({ limit: 1 })) urls.push(endpoint.url);
    expect(urls).toHaveLength(4);
    expect(await admin.webhooks.getEndpoint(created.id)).toMatchObject({ id: created.id, description: 'CRM' });
    expect(await admin.webhooks.updateEndpoint(created.id, { enabled: false })).toMatchObject({ enabled: false, disabledReason: 'manual' });
    const rotated = await admin.webhooks.rotateSecret(created.id, { overlapSeconds: 3600 });
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.previousSecretValidUntil).not.toBeNull();
    expect(await admin.webhooks.deleteEndpoint(created.id)).toBeUndefined();
    await expect(admin.webhooks.getEndpoint(created.id)).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('sends test events, lists and iterates events and attempts, and replays', async () => {
    const { admin } = sdk;
    const since = h.clock.now().toISOString();
    const endpoint = await admin.webhooks.createEndpoint({ url: 'https://hooks.example.com/test' });
    const queued = [];
    for (let n = 0; n < 3; n += 1) queued.push(await admin.webhooks.sendTest(endpoint.id));
    expect(queued[0]).toMatchObject({ eventIds: [expect.any(String)], deliveries: 1 });
    const page = await admin.webhooks.listEvents({ type: 'webhook.test', limit: 1 });
    expect(page.items).toHaveLength(1);
    const events = [];
    for await (const event of admin.webhooks.events({ type: 'webhook.test', since, limit: 1 })) events.push(event.id);
    expect(events.sort()).toEqual(queued.flatMap((q) => q.eventIds).sort());
    const attempts = await admin.webhooks.listAttempts(endpoint.id, { limit: 10 });
    expect(attempts.items).toEqual([]);
    const all = [];
    for await (const attempt of admin.webhooks.attempts(endpoint.id)) all.push(attempt);
    expect(all).toEqual([]);
    expect(await admin.webhooks.replayEvent(events[0]!, { endpointId: endpoint.id })).toMatchObject({ eventIds: [events[0]], deliveries: 1 });
    const replayed = await admin.webhooks.replayEvents({ since, endpointId: endpoint.id, types: ['webhook.test'] });
    expect(replayed.eventIds.sort()).toEqual([...events].sort());
  });
});

describe('verifyWebhook and the server’s signer', () => {
  it('verifies an event as the server signs it, with the new and the previous secret while they overlap', async () => {
    const { admin } = sdk;
    const endpoint = await admin.webhooks.createEndpoint({ url: 'https://hooks.example.com/verify' });
    const [eventId] = (await admin.webhooks.sendTest(endpoint.id)).eventIds;
    const event = (await admin.webhooks.listEvents({ type: 'webhook.test', limit: 100 })).items.find((e) => e.id === eventId)!;
    const rotated = await admin.webhooks.rotateSecret(endpoint.id);
    const body = JSON.stringify(event.payload);
    const now = h.clock.now();
    const headers = signWebhook({ id: event.id, timestamp: now, body, secrets: [rotated.secret, endpoint.secret] });
    const verified = await verifyWebhook(headers, body, rotated.secret, { now });
    expect(verified).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    await expect(verifyWebhook(headers, body, endpoint.secret, { now })).resolves.toBeTruthy();
    const afterOverlap = signWebhook({ id: event.id, timestamp: now, body, secrets: [rotated.secret] });
    await expect(verifyWebhook(afterOverlap, body, endpoint.secret, { now })).rejects.toMatchObject({ code: 'bad_signature' });
  });
});

describe('coverage of this suite', () => {
  it('called every webhooks operation', () => {
    expect(operationsOfDomains('webhooks').filter((id) => !sdk.called.includes(id))).toEqual([]);
  });
});
