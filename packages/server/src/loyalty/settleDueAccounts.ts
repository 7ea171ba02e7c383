import type { LoyaltyProgram } from '@rapport/core/schemas';
import { positiveInteger } from '../positiveInteger.js';
import type { RapportStore } from '../store/Store.js';
import { settleAccount } from './ledgerWrites.js';
import { lockAccount } from './ledgerQueries.js';
import { loadProgram } from './programQueries.js';

/** Options of {@link settleDueAccounts}. */
export interface SettleDueAccountsOptions {
  /** The current time: which pending points are available and which lots may have expired. Required. */
  now: Date;
  /** The clock, read for each account once it is locked. Default: `now` throughout. */
  clock?: () => Date;
  /** Accounts read per query. Default: 200. */
  batchSize?: number;
}

/**
 * Brings every account with something due at `now` up to date, as any write to it would first (`settleAccount`):
 * pending points now available are posted to the balance, and lots past their expiry are written off (`expire`
 * entries, keyed per lot, so a read or a write racing this job cannot write one twice). Found from two indexes
 * (migration 0015), each account settled in its own short transaction under its lock. Reads then show these effects
 * without writing: a card read that still finds something due (the job has not run since) takes the write path.
 * Answers how many accounts it settled.
 */
export async function settleDueAccounts(store: RapportStore, options: SettleDueAccountsOptions): Promise<number> {
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 200);
  const clock = options.clock ?? (() => options.now);
  const programs = new Map<string, LoyaltyProgram | null>();
  let settled = 0;
  let after = '';
  for (;;) {
    const { rows } = await store.query<{ id: string; site_id: string }>(
      `SELECT a.id, a.site_id FROM loyalty_accounts a
       WHERE a.id IN (SELECT id FROM loyalty_accounts WHERE next_expiry_at <= $1
                      UNION SELECT account_id FROM loyalty_pending WHERE available_at <= $1)
         AND a.id > $2
       ORDER BY a.id LIMIT $3`,
      [options.now, after, batchSize],
    );
    for (const row of rows) {
      if (!programs.has(row.site_id)) programs.set(row.site_id, await loadProgram(store, row.site_id));
      const program = programs.get(row.site_id);
      if (!program) continue;
      await store.transaction(async (tx) => {
        const account = await lockAccount(tx, row.id);
        await settleAccount(tx, { siteId: row.site_id, program, now: clock() }, account);
      });
      settled += 1;
    }
    if (rows.length < batchSize) break;
    after = rows.at(-1)?.id ?? after;
  }
  return settled;
}
