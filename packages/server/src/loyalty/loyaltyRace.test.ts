import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

// Races only happen on Postgres (PGlite has one connection and runs these one at a time), but the same
// assertions hold on both stores.
let h: Harness;
let kit: LoyaltyKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe(`loyalty ledger under concurrency (${process.env.RAPPORT_TEST_STORE ?? 'pglite'})`, () => {
  it('200 concurrent redemptions of a 100-point reward against 1,000 points: exactly 10 succeed, never negative', async () => {
    const token = await kit.visitor('racer');
    await kit.card(token);
    const welcome = (await kit.card(token)).balance;
    await kit.write('adjustments', { externalId: 'racer', key: 'race-topup', points: 1000 - welcome, reason: 'Race test' });
    expect((await kit.card(token)).balance).toBe(1000);

    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => kit.redeem(token, 'espresso', `race-redeem-${String(i).padStart(3, '0')}`)),
    );
    const elapsed = Math.round(performance.now() - started);
    const statuses = responses.map((r) => r.status);
    const successes = statuses.filter((s) => s === 201).length;
    const refused = await Promise.all(responses.filter((r) => r.status === 409).map(async (r) => ((await r.json()) as { error: { code: string } }).error.code));
    const card = await kit.card(token);
    const sum = await kit.ledgerSum('racer');
    console.log(`[${h.store.kind}] 200 concurrent redemptions: successes=${successes} final balance=${card.balance} ledger sum=${sum} elapsed=${elapsed} ms`);

    expect(successes).toBe(10);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(new Set(refused)).toEqual(new Set(['insufficient_points']));
    expect(card.balance).toBe(0);
    expect(sum).toBe(card.balance);
    const { rows } = await h.store.query<{ low: number }>(
      `SELECT min(running)::int AS low FROM (
         SELECT sum(l.points) OVER (ORDER BY l.seq) AS running FROM loyalty_ledger l
         JOIN loyalty_accounts a ON a.id = l.account_id JOIN contacts c ON c.id = a.contact_id
         WHERE c.site_id = $1 AND c.external_id = 'racer') t`,
      [kit.site.site.id],
    );
    expect(rows[0]!.low).toBeGreaterThanOrEqual(0);
    const redemptions = await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM loyalty_redemptions WHERE site_id = $1', [kit.site.site.id]);
    expect(redemptions.rows[0]!.n).toBe(10);
  });

  it('50 concurrent awards with one order id make one entry', async () => {
    const body = { externalId: 'award-racer', orderId: 'race-order-1', amount: 12.34, currency: 'GBP' };
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 50 }, () => kit.admin('/loyalty/awards', { method: 'POST', body })));
    const elapsed = Math.round(performance.now() - started);
    const statuses = responses.map((r) => r.status);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { entry: { id: string } }).entry.id)));
    const { rows } = await h.store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM loyalty_ledger WHERE site_id = $1 AND idempotency_key = 'order:race-order-1'`,
      [kit.site.site.id],
    );
    console.log(`[${h.store.kind}] 50 concurrent awards, one key: created=${statuses.filter((s) => s === 201).length} replayed=${statuses.filter((s) => s === 200).length} entries=${rows[0]!.n} elapsed=${elapsed} ms`);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(ids.size).toBe(1);
    expect(rows[0]!.n).toBe(1);
    expect((await kit.member('award-racer')).summary.pending).toBe(123);
  });
});
