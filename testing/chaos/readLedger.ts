import type { SqlExecutor } from '@rapport/server';

/** One member's loyalty records as the database holds them. */
export interface LedgerSnapshot {
  accountId: string;
  /** Sum of every ledger entry's points. */
  sum: number;
  /** The lowest running sum, in insertion order (`seq`). */
  lowestRunning: number;
  /** Client redemption ids (from the `redeem:<account>:<id>` keys) of the redeem entries, one per entry. */
  redeemedIds: string[];
  /** Redeem entries without their redemption row (a half-written redemption). */
  entriesWithoutRedemption: string[];
  /** Redemption rows without their ledger entry. */
  redemptionsWithoutEntry: string[];
  /** The smallest `balance_after` of any redemption, or `null` when there is none. */
  lowestBalanceAfter: number | null;
  /** Redemption codes by client id. */
  codes: Map<string, string>;
  /** The ledger's running sum right after each redemption, by client id. */
  sumAfter: Map<string, number>;
}

/** Reads the ledger and the redemptions of the member `externalId` of `siteId`. */
export async function readLedger(db: SqlExecutor, siteId: string, externalId: string): Promise<LedgerSnapshot> {
  const { rows: accounts } = await db.query<{ id: string }>(
    'SELECT a.id FROM loyalty_accounts a JOIN contacts c ON c.id = a.contact_id WHERE c.site_id = $1 AND c.external_id = $2',
    [siteId, externalId],
  );
  const accountId = accounts[0]?.id;
  if (!accountId) throw new Error(`No loyalty account for ${externalId}`);
  const { rows: entries } = await db.query<{ id: string; type: string; points: number; idempotency_key: string; redemption_id: string | null; code: string | null }>(
    `SELECT l.id, l.type, l.points, l.idempotency_key, r.id AS redemption_id, r.code
     FROM loyalty_ledger l LEFT JOIN loyalty_redemptions r ON r.entry_id = l.id
     WHERE l.account_id = $1 ORDER BY l.seq`,
    [accountId],
  );
  const { rows: orphans } = await db.query<{ id: string }>(
    `SELECT r.id FROM loyalty_redemptions r LEFT JOIN loyalty_ledger l ON l.id = r.entry_id WHERE r.account_id = $1 AND l.id IS NULL`,
    [accountId],
  );
  const { rows: lowest } = await db.query<{ min: number | null }>(
    'SELECT min(balance_after)::int AS min FROM loyalty_redemptions WHERE account_id = $1',
    [accountId],
  );
  let running = 0;
  let lowestRunning = 0;
  const redeemed = entries.filter((entry) => entry.type === 'redeem');
  const prefix = `redeem:${accountId}:`;
  const sumAfter = new Map<string, number>();
  for (const entry of entries) {
    running += entry.points;
    lowestRunning = Math.min(lowestRunning, running);
    if (entry.type === 'redeem') sumAfter.set(entry.idempotency_key.slice(prefix.length), running);
  }
  return {
    accountId,
    sum: running,
    lowestRunning,
    redeemedIds: redeemed.map((entry) => entry.idempotency_key.slice(prefix.length)),
    entriesWithoutRedemption: redeemed.filter((entry) => entry.redemption_id === null).map((entry) => entry.id),
    redemptionsWithoutEntry: orphans.map((row) => row.id),
    lowestBalanceAfter: lowest[0]?.min ?? null,
    codes: new Map(redeemed.map((entry) => [entry.idempotency_key.slice(prefix.length), entry.code ?? ''])),
    sumAfter,
  };
}
