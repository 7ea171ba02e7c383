import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import { createSilentLogger } from '../logger.js';
import { createOwnerKit, staffInput, type OwnerKit } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { failAfterWebhookEventStore } from '../testing/failAfterWebhookEventStore.js';
import { readWebhookEvents } from '../testing/readWebhookEvents.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: OwnerKit;

const MONDAY_AFTERNOON = new Date('2026-11-23T15:00:00Z');

beforeAll(async () => {
  h = await createHarness();
  h.clock.set(MONDAY_AFTERNOON);
  kit = await createOwnerKit(h);
  await kit.putStaff('ana', staffInput({ displayName: 'Ana Souza', backupStaffId: null }));
  await kit.putStaff('ben', staffInput({ displayName: 'Ben Okafor' }));
  await kit.putStaff('ana', staffInput({ displayName: 'Ana Souza', backupStaffId: 'ben' }));
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const assigned = async (externalId: string) =>
  (await readWebhookEvents(h.store, kit.site.site.id, 'owner.assigned'))
    .filter((e) => (e.payload.data.contact as { externalId: string | null }).externalId === externalId)
    .map((e) => e.payload.data);

describe('owner webhook events', () => {
  it('writes owner.assigned for a first touch, a manual reassignment and a hand-over, never for a change to nothing', async () => {
    expect((await kit.touch('wh_own_a', 'ana')).status).toBe(201);
    expect((await kit.touch('wh_own_a', 'ben')).status).toBe(200);
    expect((await kit.assign('wh_own_b', { staffId: 'ana', note: 'VIP' })).status).toBe(200);
    expect((await kit.assign('wh_own_b', { staffId: 'ana' })).status).toBe(200);
    expect(await assigned('wh_own_a')).toEqual([
      expect.objectContaining({ ownerId: 'ana', previousOwnerId: null, how: 'first_touch', by: 'ana', assignedAt: MONDAY_AFTERNOON.toISOString() }),
    ]);
    expect(await assigned('wh_own_b')).toEqual([expect.objectContaining({ ownerId: 'ana', previousOwnerId: null, how: 'manual', by: 'admin' })]);

    expect((await kit.admin('/staff/ana', { method: 'PUT', body: staffInput({ displayName: 'Ana Souza', backupStaffId: 'ben', active: false }) })).status).toBe(200);
    for (const externalId of ['wh_own_a', 'wh_own_b']) {
      expect((await assigned(externalId)).at(-1)).toEqual(expect.objectContaining({ ownerId: 'ben', previousOwnerId: 'ana', how: 'handover', by: 'system' }));
    }
  });

  it('writes owner.assigned for a round-robin assignment on a visit', async () => {
    const rr = await createOwnerKit(h);
    await rr.putStaff('cy', staffInput({ displayName: 'Cy Park' }));
    await rr.settings({ roundRobin: true });
    await rr.owner(await rr.visitor('wh_own_rr'));
    await rr.owner(await rr.visitor('wh_own_rr'));
    const events = await readWebhookEvents(h.store, rr.site.site.id, 'owner.assigned');
    expect(events.map((e) => e.payload.data)).toEqual([expect.objectContaining({ ownerId: 'cy', how: 'round_robin', by: 'system' })]);
  });

  it('writes nothing when the assignment rolls back after its event', async () => {
    const failing = createApp({ store: failAfterWebhookEventStore(h.store), clock: h.clock.now, logger: createSilentLogger(), rateLimit: false });
    const response = await h.call('/v1/admin/contacts/wh_own_rb/owner', { publishableKey: null, bearer: kit.site.secretKey, method: 'PUT', body: { staffId: 'ben' } }, failing);
    expect(response.status).toBe(500);
    expect(await assigned('wh_own_rb')).toEqual([]);
    expect((await h.store.query("SELECT 1 FROM contacts WHERE site_id = $1 AND external_id = 'wh_own_rb'", [kit.site.site.id])).rows).toEqual([]);
  });

  it('fans an event out to every enabled endpoint subscribed to its type, and to no other', async () => {
    const siteId = kit.site.site.id;
    const now = h.clock.now();
    const endpoint = (id: string, types: string[], enabled = true) =>
      h.store.query(
        `INSERT INTO webhook_endpoints (id, site_id, url, event_types, enabled, disabled_reason, disabled_at, secret, created_at, updated_at)
         VALUES ($1, $2, $3, $4::text[], $5, $6, $7, 'whsec_dGVzdA==', $8, $8)`,
        [id, siteId, `https://hooks.example.com/${id}`, types, enabled, enabled ? null : 'manual', enabled ? null : now, now],
      );
    await endpoint('we_all', []);
    await endpoint('we_owner', ['owner.assigned', 'feedback.reply.seen']);
    await endpoint('we_feedback', ['feedback.response.created']);
    await endpoint('we_off', [], false);
    expect((await kit.touch('wh_own_fan', 'ben')).status).toBe(201);
    const [event] = await assigned('wh_own_fan');
    expect(event).toBeDefined();
    const { rows } = await h.store.query<{ endpoint_id: string; status: string; ordering_key: string | null }>(
      `SELECT d.endpoint_id, d.status, d.ordering_key FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
       WHERE e.site_id = $1 AND e.type = 'owner.assigned' AND e.payload->'data'->'contact'->>'externalId' = 'wh_own_fan' ORDER BY d.endpoint_id`,
      [siteId],
    );
    const contactId = (event!.contact as { id: string }).id;
    expect(rows).toEqual([
      { endpoint_id: 'we_all', status: 'pending', ordering_key: contactId },
      { endpoint_id: 'we_owner', status: 'pending', ordering_key: contactId },
    ]);
  });
});
