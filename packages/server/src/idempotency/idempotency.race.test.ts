import { SurveySchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSite } from '../sites/createSite.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import { createTestSite, type Harness } from '../testing/testHarness.js';
import { pruneIdempotencyKeys } from './pruneIdempotencyKeys.js';
import { withIdempotency } from './withIdempotency.js';

let h: Harness;
let site: CreatedSite;

beforeAll(async () => {
  h = await createRaceHarness();
  site = await createTestSite(h.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

function admin(path: string, method: string, body: unknown, key: string): Promise<Response> {
  return h.call(`/v1/admin${path}`, { method, publishableKey: null, bearer: site.secretKey, body, headers: { 'idempotency-key': key } });
}

describe('Idempotency-Key under real concurrency', () => {
  it('creates one survey for 100 requests sharing one key; the 99 others replay it', async () => {
    const body = { name: 'Race survey', kind: 'nps', question: 'How likely?', status: 'active', triggers: [{ type: 'pageview' }] };
    const run = await concurrently(h, 100, () => admin('/surveys', 'POST', body, 'key-race-100'));
    const replays = run.results.map((r) => r.headers.get('idempotent-replayed') === 'true');
    const texts = await Promise.all(run.results.map((r) => r.text()));
    const replayTexts = new Set(texts.filter((_, i) => replays[i]));
    const bodies = texts.map((text): unknown => JSON.parse(text));
    const { rows } = await h.store.query<{ id: string }>('SELECT id FROM surveys WHERE site_id = $1 AND name = $2', [site.site.id, body.name]);
    const keys = await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys WHERE site_id = $1 AND key = $2', [site.site.id, 'key-race-100']);
    console.log(
      `idempotency: 100 concurrent POSTs with one key → ${run.results.filter((r) => r.status === 201).length} × 201, ` +
        `${replays.filter(Boolean).length} replayed (${replayTexts.size} distinct replay body), ${rows.length} survey, ${keys.rows[0]?.n} key row (${run.elapsedMs} ms)`,
    );
    expect(run.results.map((r) => r.status)).toEqual(Array(100).fill(201));
    expect(replays.filter(Boolean)).toHaveLength(99);
    expect(replayTexts.size).toBe(1);
    for (const parsed of bodies) expect(parsed).toEqual(bodies[0]);
    expect(rows).toEqual([{ id: SurveySchema.parse(bodies[0]).id }]);
    expect(keys.rows[0]?.n).toBe(1);
  });

  it('runs concurrent requests with the same key once; the others replay it', async () => {
    const run = await concurrently(h, 8, () => admin('/contacts/user_concurrent', 'PUT', { traits: { plan: 'gold' } }, 'key-concurrent'));
    const bodies = await Promise.all(run.results.map((r) => r.json()));
    const replayed = run.results.filter((r) => r.headers.get('idempotent-replayed') === 'true').length;
    console.log(`idempotency: 8 concurrent PUTs with one key → statuses ${run.results.map((r) => r.status).join(',')}, ${replayed} replayed (${run.elapsedMs} ms)`);
    // Without the key, exactly one PUT would create (201) and the others update (200).
    expect(run.results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(replayed).toBe(7);
    for (const body of bodies) expect(body).toEqual(bodies[0]);
  });

  it('executes exactly once under concurrency (direct helper)', async () => {
    let runs = 0;
    const request = { siteId: site.site.id, scope: 'test', key: 'direct-concurrent', requestHash: 'h1', clock: () => new Date() };
    const run = await concurrently(h, 6, () =>
      withIdempotency(h.store, request, async (tx) => {
        runs += 1;
        await tx.query('SELECT pg_sleep(0.05)');
        return { status: 201, body: { run: runs } };
      }),
    );
    console.log(`idempotency helper: 6 concurrent calls with one key → ${runs} run, ${run.results.filter((r) => r.replayed).length} replayed (${run.elapsedMs} ms)`);
    expect(runs).toBe(1);
    expect(run.results.filter((r) => !r.replayed)).toHaveLength(1);
    for (const result of run.results) expect(result).toMatchObject({ status: 201, body: { run: 1 } });
  });

  it('reuses a key past its retention once when 20 new requests race for it', async () => {
    await h.store.query(
      `INSERT INTO idempotency_keys (site_id, scope, key, request_hash, status_code, response_body, created_at)
       VALUES ($1, 'test', 'expired-race', 'old', 200, '"old"'::jsonb, now() - interval '25 hours')`,
      [site.site.id],
    );
    let runs = 0;
    const request = { siteId: site.site.id, scope: 'test', key: 'expired-race', requestHash: 'new', clock: () => new Date() };
    const run = await concurrently(h, 20, () =>
      withIdempotency(h.store, request, async () => {
        runs += 1;
        return { status: 201, body: 'new' };
      }),
    );
    console.log(`idempotency retention: 20 concurrent reuses of an expired key → ${runs} run, ${run.results.filter((r) => r.replayed).length} replayed (${run.elapsedMs} ms)`);
    expect(runs).toBe(1);
    for (const result of run.results) expect(result).toMatchObject({ status: 201, body: 'new' });
  });

  it('keeps a key that a request renews while the maintenance job prunes expired keys: the request runs once', async () => {
    const request = { siteId: site.site.id, scope: 'prune-race', key: 'renewed-while-pruned', requestHash: 'r1' };
    await withIdempotency(h.store, { ...request, clock: () => new Date() }, async () => ({ status: 201, body: { run: 0 } }));
    // Age the stored key past its 24 h retention in the database, leaving every clock real.
    await h.store.query(
      `UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE site_id = $1 AND scope = $2 AND key = $3`,
      [request.siteId, request.scope, request.key],
    );
    let runs = 0;
    const run = await concurrently(h, 40, async (i) => {
      if (i % 4 === 0) {
        // Prune while the first reuse holds the expired row: the delete waits for it, then must see it renewed.
        await new Promise((resolve) => setTimeout(resolve, 10 + i));
        return pruneIdempotencyKeys(h.store, { now: new Date() });
      }
      return withIdempotency(h.store, { ...request, clock: () => new Date() }, async (tx) => {
        runs += 1;
        await tx.query('SELECT pg_sleep(0.1)');
        return { status: 201, body: { run: runs } };
      });
    });
    const { rows } = await h.store.query<{ status_code: number | null }>(
      'SELECT status_code FROM idempotency_keys WHERE site_id = $1 AND scope = $2 AND key = $3',
      [site.site.id, request.scope, request.key],
    );
    // A request after the race replays the renewed key: it is still there, not pruned from under it.
    const after = await withIdempotency(h.store, { ...request, clock: () => new Date() }, async () => ({ status: 201, body: { run: -1 } }));
    console.log(`idempotency: 30 reuses of an expired key racing 10 prunes → ${runs} run(s), key kept: ${rows.length === 1} (${run.elapsedMs} ms)`);
    expect(runs).toBe(1);
    expect(rows).toEqual([{ status_code: 201 }]);
    expect(after).toEqual({ status: 201, body: { run: 1 }, replayed: true });
  });
});
