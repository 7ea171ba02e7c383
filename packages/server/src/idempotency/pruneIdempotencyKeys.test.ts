import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSite } from '../sites/createSite.js';
import { createHarness, createTestSite, type Harness } from '../testing/testHarness.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { pruneIdempotencyKeys } from './pruneIdempotencyKeys.js';
import { withIdempotency } from './withIdempotency.js';

let h: Harness;
let site: CreatedSite;
const HOUR = 3_600_000;

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function keysOf(scope: string): Promise<string[]> {
  const { rows } = await h.store.query<{ key: string }>(
    'SELECT key FROM idempotency_keys WHERE site_id = $1 AND scope = $2 ORDER BY key',
    [site.site.id, scope],
  );
  return rows.map((row) => row.key);
}

describe('pruneIdempotencyKeys', () => {
  it('deletes only keys past the 24 h retention, and a key still replays until then', async () => {
    const t0 = h.clock.now();
    const request = { siteId: site.site.id, scope: 'prune', key: 'kept-then-pruned', requestHash: 'a', clock: () => t0 };
    await withIdempotency(h.store, request, async () => ({ status: 201, body: { n: 1 } }));

    const almost = new Date(t0.getTime() + 24 * HOUR - 1);
    expect(await pruneIdempotencyKeys(h.store, { now: almost })).toBe(0);
    const replay = await withIdempotency(h.store, { ...request, clock: () => almost }, async () => ({ status: 201, body: { n: 2 } }));
    expect(replay).toEqual({ status: 201, body: { n: 1 }, replayed: true });

    const day = new Date(t0.getTime() + 24 * HOUR);
    expect(await pruneIdempotencyKeys(h.store, { now: day })).toBe(1);
    expect(await keysOf('prune')).toEqual([]);
    // Gone, so the key runs again, even for a different request.
    const fresh = await withIdempotency(h.store, { ...request, requestHash: 'b', clock: () => day }, async () => ({ status: 201, body: { n: 3 } }));
    expect(fresh).toEqual({ status: 201, body: { n: 3 }, replayed: false });
  });

  it('works through a backlog in batches and leaves younger keys alone', async () => {
    const now = new Date(h.clock.now().getTime() + 10 * 24 * HOUR);
    const old = new Date(now.getTime() - 48 * HOUR);
    const young = new Date(now.getTime() - HOUR);
    for (let i = 0; i < 7; i += 1) {
      await h.store.query(
        `INSERT INTO idempotency_keys (site_id, scope, key, request_hash, status_code, response_body, created_at)
         VALUES ($1, 'backlog', $2, 'h', 200, 'null'::jsonb, $3)`,
        [site.site.id, `old-${i}`, old],
      );
    }
    await h.store.query(
      `INSERT INTO idempotency_keys (site_id, scope, key, request_hash, created_at) VALUES ($1, 'backlog', 'young', 'h', $2)`,
      [site.site.id, young],
    );
    expect(await pruneIdempotencyKeys(h.store, { now, batchSize: 3 })).toBeGreaterThanOrEqual(7);
    expect(await keysOf('backlog')).toEqual(['young']);
    expect(await pruneIdempotencyKeys(h.store, { now, retentionSeconds: 60 })).toBeGreaterThanOrEqual(1);
    expect(await keysOf('backlog')).toEqual([]);
  });

  it('refuses a batch size that is not a positive integer', async () => {
    await expect(pruneIdempotencyKeys(h.store, { now: h.clock.now(), batchSize: 0 })).rejects.toThrow(RangeError);
  });
});
