import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../sites/createSite.js';
import { createTestStore, STORE_HOOK_TIMEOUT_MS, type TestStore } from '../../testing/createTestStore.js';
import { migrate } from '../migrate.js';
import { sqlState } from '../Store.js';
import { MIGRATIONS } from './index.js';

// Runs migration 0008 on a database that already holds loyalty accounts with history, as a business upgrading
// would: balances backfilled from the ledger, pending entries parked, an overspent account repaired.
let t: TestStore;
let siteId: string;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

type Entry = [type: string, points: number, stamps: number, createdDaysAgo: number, availableDaysAgo: number, expiresInDays: number | null];

async function account(id: string, entries: Entry[]): Promise<void> {
  await t.store.query(`INSERT INTO contacts (id, site_id, external_id) VALUES ($1, $2, $1)`, [`c_${id}`, siteId]);
  await t.store.query(`INSERT INTO loyalty_accounts (id, site_id, contact_id, joined_at, referral_code) VALUES ($1, $2, $3, $4, $5)`, [
    id,
    siteId,
    `c_${id}`,
    ago(400),
    id.toUpperCase().slice(0, 8),
  ]);
  let n = 0;
  for (const [type, points, stamps, created, available, expires] of entries) {
    n += 1;
    await t.store.query(
      `INSERT INTO loyalty_ledger (id, site_id, account_id, type, points, stamps, reason, idempotency_key, request_hash, created_at, available_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'history', $1, 'h', $7, $8, $9)`,
      [`le_${id}_${n}`, siteId, id, type, points, stamps, ago(created), ago(available), expires === null ? null : new Date(Date.now() + expires * DAY)],
    );
  }
}

beforeAll(async () => {
  t = await createTestStore({ migrate: false });
  await migrate(t.store, MIGRATIONS.filter((m) => m.id < 8));
  siteId = (await t.store.transaction((tx) => createSite(tx, { slug: 'upgrade', name: 'Upgrade', allowedOrigins: [] }))).site.id;
  await account('la_plain', [
    ['earn', 500, 1, 100, 100, 200],
    ['redeem', -100, 0, 50, 50, null],
    ['earn', 300, 1, 3, -11, 300], // still pending: available in 11 days
    ['adjust', 40, 0, 10, 10, 100],
  ]);
  // Taken below zero by the concurrency defect this migration closes.
  await account('la_overspent', [
    ['earn', 200, 2, 90, 90, 250],
    ['redeem', -100, -3, 5, 5, null],
    ['redeem', -100, 0, 5, 5, null],
    ['redeem', -100, 0, 5, 5, null],
  ]);
  await account('la_empty', []);
  await migrate(t.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

async function figures(id: string) {
  const { rows } = await t.store.query<{ balance: number; stamps: number; pending: number; sum: number; next_expiry_at: Date | null }>(
    `SELECT a.balance, a.stamps, a.next_expiry_at,
       (SELECT COALESCE(sum(points), 0)::int FROM loyalty_pending p WHERE p.account_id = a.id) AS pending,
       (SELECT COALESCE(sum(points), 0)::int FROM loyalty_ledger l WHERE l.account_id = a.id) AS sum
     FROM loyalty_accounts a WHERE a.id = $1`,
    [id],
  );
  return rows[0]!;
}

describe('migration 0008 on a database with loyalty history', () => {
  it('backfills the balance and stamps from the ledger and parks pending entries', async () => {
    expect(await figures('la_plain')).toMatchObject({ balance: 440, stamps: 1, pending: 300, sum: 740 });
    expect((await figures('la_plain')).next_expiry_at?.getTime()).toBeGreaterThan(Date.now() + 99 * DAY);
    expect(await figures('la_empty')).toMatchObject({ balance: 0, stamps: 0, pending: 0, sum: 0, next_expiry_at: null });
  });

  it('brings an overspent account back to zero with one correcting entry the ledger shows', async () => {
    expect(await figures('la_overspent')).toMatchObject({ balance: 0, stamps: 0, pending: 0, sum: 0 });
    const { rows } = await t.store.query<{ type: string; points: number; stamps: number; idempotency_key: string }>(
      `SELECT type, points, stamps, idempotency_key FROM loyalty_ledger WHERE account_id = 'la_overspent' AND type = 'adjust'`,
    );
    expect(rows).toEqual([{ type: 'adjust', points: 100, stamps: 1, idempotency_key: 'repair:0008:la_overspent' }]);
  });

  it('leaves the database refusing any overspend from then on', async () => {
    const error = await t.store
      .query(
        `INSERT INTO loyalty_ledger (id, site_id, account_id, type, points, reason, idempotency_key, request_hash, created_at, available_at)
         VALUES ('le_after', $1, 'la_plain', 'redeem', -441, 'too much', 'after-1', 'h', now(), now())`,
        [siteId],
      )
      .catch((e: unknown) => e);
    expect(sqlState(error)).toBe('23514');
    expect(await figures('la_plain')).toMatchObject({ balance: 440, sum: 740 });
  });
});
