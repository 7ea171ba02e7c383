import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import type { Harness } from '../testing/testHarness.js';

// PostgreSQL and the real clock (createRaceHarness): a request that waits for the account lock must decide at
// the time it gets it, and the database's balance must refuse any overspend whatever the application thinks.
let h: Harness;
let kit: LoyaltyKit;
/** Awards are available at once here, so they can be reversed and spent while the race runs. */
let instant: LoyaltyKit;

beforeAll(async () => {
  h = await createRaceHarness();
  kit = await createLoyaltyKit(h);
  instant = await createLoyaltyKit(h, { ...DEMO_LOYALTY_PROGRAM, approvalWindowDays: 0 });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

/** Lowest running balance along the member's ledger in the order it was written, the column, and the ledger sum. */
async function ledgerFigures(target: LoyaltyKit, externalId: string) {
  const { rows } = await h.store.query<{ low: number; sum: number; balance: number; pending: number }>(
    `SELECT (SELECT min(running)::int FROM (SELECT sum(l.points) OVER (ORDER BY l.seq) AS running FROM loyalty_ledger l WHERE l.account_id = a.id) t) AS low,
       (SELECT COALESCE(sum(points), 0)::int FROM loyalty_ledger WHERE account_id = a.id) AS sum,
       (SELECT COALESCE(sum(points), 0)::int FROM loyalty_pending WHERE account_id = a.id) AS pending,
       a.balance
     FROM loyalty_accounts a JOIN contacts c ON c.id = a.contact_id WHERE c.site_id = $1 AND c.external_id = $2`,
    [target.site.site.id, externalId],
  );
  return rows[0]!;
}

async function errorCodes(responses: Response[]): Promise<string[]> {
  const failed = responses.filter((r) => r.status >= 400);
  return [...new Set(await Promise.all(failed.map(async (r) => `${r.status} ${((await r.json()) as { error: { code: string } }).error.code}`)))];
}

describe('loyalty ledger under real concurrency (PostgreSQL, real clock)', () => {
  it('200 concurrent redemptions of a 100-point reward against 1,000 points: exactly 10 succeed, never negative', async () => {
    const token = await kit.visitor('racer');
    const welcome = (await kit.card(token)).balance;
    await kit.write('adjustments', { externalId: 'racer', key: 'race-topup', points: 1000 - welcome, reason: 'Race test' });
    expect((await kit.card(token)).balance).toBe(1000);

    const { results, elapsedMs } = await concurrently(h, 200, (i) => kit.redeem(token, 'espresso', `race-redeem-${String(i).padStart(3, '0')}`));
    const successes = results.filter((r) => r.status === 201).length;
    const codes = await errorCodes(results);
    const card = await kit.card(token);
    const figures = await ledgerFigures(kit, 'racer');
    const redemptions = await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM loyalty_redemptions WHERE site_id = $1', [kit.site.site.id]);
    console.log(
      `[race] 200 concurrent redemptions: successes=${successes} refused=${results.length - successes} (${codes.join(', ')}) ` +
        `balance=${card.balance} column=${figures.balance} ledger sum=${figures.sum} lowest running=${figures.low} elapsed=${elapsedMs} ms`,
    );
    expect(successes).toBe(10);
    expect(codes).toEqual(['409 insufficient_points']);
    expect(card.balance).toBe(0);
    expect(figures).toMatchObject({ balance: 0, sum: 0, pending: 0 });
    expect(figures.low).toBeGreaterThanOrEqual(0);
    expect(redemptions.rows[0]!.n).toBe(10);
  });

  it('redemptions interleaved with reversals and negative adjustments never take the balance below zero', async () => {
    const token = await instant.visitor('mixer');
    await instant.card(token);
    // Ten orders of 100 points each, available at once (approval window 0), plus the welcome points.
    for (let i = 0; i < 10; i += 1) await instant.write('awards', { externalId: 'mixer', orderId: `mix-${i}`, amount: 10, currency: 'GBP' });
    const start = (await instant.card(token)).balance;
    expect(start).toBeGreaterThanOrEqual(1000);

    const { results, elapsedMs } = await concurrently(h, 90, (i) => {
      if (i % 9 === 0) return instant.admin('/loyalty/reversals', { method: 'POST', body: { orderId: `mix-${i / 9}`, reason: 'Refund' } });
      if (i % 3 === 0) {
        return instant.admin('/loyalty/adjustments', { method: 'POST', body: { externalId: 'mixer', key: `mix-adj-${i}`, points: -70, reason: 'Correction' } });
      }
      return instant.redeem(token, 'espresso', `mix-redeem-${i}`);
    });
    const statuses = results.map((r) => r.status);
    const codes = await errorCodes(results);
    const figures = await ledgerFigures(instant, 'mixer');
    const card = await instant.card(token);
    console.log(
      `[race] 90 mixed writes (60 redemptions, 20 adjustments of -70, 10 reversals) from ${start}: ` +
        `201=${statuses.filter((s) => s === 201).length} 409=${statuses.filter((s) => s === 409).length} ` +
        `balance=${figures.balance} ledger sum=${figures.sum} lowest running=${figures.low} elapsed=${elapsedMs} ms`,
    );
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(codes.filter((c) => c !== '409 insufficient_points')).toEqual([]);
    expect(figures.low).toBeGreaterThanOrEqual(0);
    expect(figures.balance).toBeGreaterThanOrEqual(0);
    expect(figures.balance).toBe(figures.sum);
    expect(card.balance).toBe(figures.balance);
    // Every reversal went through (clamped when the points were spent), and the writes that were refused wrote nothing.
    expect(statuses.filter((_, i) => i % 9 === 0)).toEqual(Array(10).fill(201));
  });

  it('50 concurrent awards with one order id make one entry', async () => {
    const body = { externalId: 'award-racer', orderId: 'race-order-1', amount: 12.34, currency: 'GBP' };
    const { results, elapsedMs } = await concurrently(h, 50, () => kit.admin('/loyalty/awards', { method: 'POST', body }));
    const statuses = results.map((r) => r.status);
    const ids = new Set(await Promise.all(results.map(async (r) => ((await r.json()) as { entry: { id: string } }).entry.id)));
    const { rows } = await h.store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM loyalty_ledger WHERE site_id = $1 AND idempotency_key = 'order:race-order-1'`,
      [kit.site.site.id],
    );
    console.log(
      `[race] 50 concurrent awards, one order id: created=${statuses.filter((s) => s === 201).length} ` +
        `replayed=${statuses.filter((s) => s === 200).length} entries=${rows[0]!.n} elapsed=${elapsedMs} ms`,
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(ids.size).toBe(1);
    expect(rows[0]!.n).toBe(1);
    const figures = await ledgerFigures(kit, 'award-racer');
    expect(figures.pending).toBe(123);
    expect((await kit.member('award-racer')).summary.pending).toBe(123);
  });
});
