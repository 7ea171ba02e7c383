import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../http/ApiError.js';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import { sqlState } from '../store/Store.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, readError, type Harness } from '../testing/testHarness.js';
import { appendEntry, type AccountRow } from './ledgerQueries.js';

const DAY = 86_400_000;
let h: Harness;
let kit: LoyaltyKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function account(externalId: string): Promise<AccountRow & { pending: number; entries: number; sum: number }> {
  const { rows } = await h.store.query<AccountRow & { pending: number; entries: number; sum: number }>(
    `SELECT a.*, (SELECT COALESCE(sum(points), 0)::int FROM loyalty_pending p WHERE p.account_id = a.id) AS pending,
       (SELECT count(*)::int FROM loyalty_ledger l WHERE l.account_id = a.id) AS entries,
       (SELECT COALESCE(sum(points), 0)::int FROM loyalty_ledger l WHERE l.account_id = a.id) AS sum
     FROM loyalty_accounts a JOIN contacts c ON c.id = a.contact_id WHERE c.site_id = $1 AND c.external_id = $2`,
    [kit.site.site.id, externalId],
  );
  if (!rows[0]) throw new Error(`no account for ${externalId}`);
  return rows[0];
}

function debit(target: AccountRow, points: number, key: string) {
  return {
    account_id: target.id,
    type: 'redeem' as const,
    points: -points,
    reason: 'Test debit',
    idempotency_key: key,
    request_hash: 'test',
    created_at: h.clock.now(),
    available_at: h.clock.now(),
    expires_at: null,
  };
}

describe('the balance the database keeps', () => {
  it('refuses, in the database itself, an entry that would take the balance below zero', async () => {
    const token = await kit.visitor('guarded');
    const { balance } = await kit.card(token);
    const before = await account('guarded');
    expect(before.balance).toBe(balance);

    // Straight SQL, past every application check: the CHECK on the balance column refuses it.
    const refused = await h.store
      .transaction((tx) =>
        tx.query(
          `INSERT INTO loyalty_ledger (id, site_id, account_id, type, points, reason, idempotency_key, request_hash, created_at, available_at)
           VALUES ('le_overspend', $1, $2, 'redeem', $3, 'Overspend', 'overspend', 'x', now(), now())`,
          [kit.site.site.id, before.id, -(balance + 1)],
        ),
      )
      .catch((error: unknown) => error);
    expect(sqlState(refused)).toBe('23514');

    // Through the ledger code: 409 insufficient_points, and nothing written once the transaction rolls back.
    const viaCode = await h.store.transaction((tx) => appendEntry(tx, kit.site.site.id, debit(before, balance + 1, 'too-much'))).catch((e: unknown) => e);
    expect(viaCode).toBeInstanceOf(ApiError);
    expect(viaCode).toMatchObject({ status: 409, code: 'insufficient_points' });
    expect(await account('guarded')).toMatchObject({ balance, entries: before.entries, sum: before.sum });

    // Spending exactly the balance is fine.
    await h.store.transaction((tx) => appendEntry(tx, kit.site.site.id, debit(before, balance, 'all-of-it')));
    expect(await account('guarded')).toMatchObject({ balance: 0, sum: 0 });
  });

  it('answers a refused redemption with the error envelope, 409, writing nothing', async () => {
    const token = await kit.visitor('short');
    await kit.card(token);
    const before = await account('short');
    const response = await kit.redeem(token, 'class', 'short-redeem-1');
    expect(response.status).toBe(409);
    expect((await readError(response)).code).toBe('insufficient_points');
    expect(await account('short')).toMatchObject({ balance: before.balance, entries: before.entries });
  });

  it('parks a purchase until its approval window has passed, then posts it once; a reversal while pending nets out', async () => {
    const token = await kit.visitor('pending');
    const start = (await kit.card(token)).balance;
    await kit.write('awards', { externalId: 'pending', orderId: 'p-1', amount: 20, currency: 'GBP' });
    await kit.write('awards', { externalId: 'pending', orderId: 'p-2', amount: 5, currency: 'GBP' });
    expect(await account('pending')).toMatchObject({ balance: start, pending: 250 });
    await kit.write('reversals', { orderId: 'p-2', reason: 'Cancelled' });
    expect(await account('pending')).toMatchObject({ balance: start, pending: 200 });
    const redeemEarly = await kit.redeem(token, 'bag', 'pending-bag');
    expect(redeemEarly.status).toBe(409);

    h.clock.advance(DEMO_LOYALTY_PROGRAM.approvalWindowDays * DAY + 1000);
    const card = await kit.card(token);
    expect(card).toMatchObject({ balance: start + 200, pending: 0 });
    expect(await account('pending')).toMatchObject({ balance: start + 200, pending: 0, sum: start + 200 });
    // Reading again posts nothing twice.
    expect((await kit.card(token)).balance).toBe(start + 200);
  });

  it('expires what is left of a lot once, keeps the column equal to the ledger, and skips the fold until the next expiry', async () => {
    const token = await kit.visitor('expiring');
    const welcome = (await kit.card(token)).balance;
    await kit.write('adjustments', { externalId: 'expiring', key: 'exp-extra', points: 300, reason: 'Goodwill' });
    expect((await kit.redeem(token, 'espresso', 'expiring-redeem-1')).status).toBe(201);
    const before = await account('expiring');
    expect(before.next_expiry_at?.getTime()).toBeGreaterThan(h.clock.now().getTime());

    h.clock.advance(400 * DAY);
    const card = await kit.card(token);
    expect(card.balance).toBe(0);
    const after = await account('expiring');
    expect(after).toMatchObject({ balance: 0, sum: 0 });
    expect(after.next_expiry_at).toBeNull();
    const member = await kit.member('expiring');
    expect(member.ledger.filter((e) => e.type === 'expire').reduce((sum, e) => sum + e.points, 0)).toBe(-(welcome + 300 - 100));
  });
});
