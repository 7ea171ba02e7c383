import type { Traits } from '@rapport/core/schemas';
import { positiveInteger } from '../positiveInteger.js';
import type { RapportStore } from '../store/Store.js';
import { addDays } from './accountState.js';
import { CELEBRATION_WINDOW_DAYS, grantDueRewards, syncBirthday } from './automaticRewards.js';
import { lockAccount } from './ledgerQueries.js';
import { loadProgram } from './programQueries.js';

/** Options of {@link grantScheduledRewards}. */
export interface GrantScheduledRewardsOptions {
  /** The current time: which birthdays and anniversaries fall in the window. Required. */
  now: Date;
  /** The clock, read for each member once its account is locked. Default: `now` throughout. */
  clock?: () => Date;
  /** Accounts read per query. Default: 200. */
  batchSize?: number;
}

/**
 * `MM-DD` of every day of the celebration window ending today (UTC), and Feb 29 next to Feb 28 or Mar 1: a
 * superset of the dates whose reward may be due now (`grantDueRewards` makes the exact call).
 */
export function celebrationMonthDays(now: Date): string[] {
  const days = new Set<string>();
  for (let back = 0; back <= CELEBRATION_WINDOW_DAYS; back += 1) days.add(addDays(now, -back).toISOString().slice(5, 10));
  if (days.has('02-28') || days.has('03-01')) days.add('02-29');
  return [...days];
}

/**
 * Grants the birthday and membership-anniversary rewards due today to every member of every program, so they
 * arrive on the day without the member visiting (reads grant them too; the ledger key makes either one count
 * once). Only members whose birthday trait or joining date falls in the window are read; each is granted in
 * its own transaction under the account lock, as every ledger write is. Answers how many rewards it granted.
 */
export async function grantScheduledRewards(store: RapportStore, options: GrantScheduledRewardsOptions): Promise<number> {
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 200);
  const days = celebrationMonthDays(options.now);
  const { rows: sites } = await store.query<{ site_id: string }>('SELECT DISTINCT site_id FROM loyalty_programs ORDER BY site_id');
  let granted = 0;
  for (const { site_id: siteId } of sites) {
    const program = await loadProgram(store, siteId);
    if (!program || (program.earn.birthday <= 0 && program.earn.anniversary <= 0)) continue;
    const clock = options.clock ?? (() => options.now);
    let after = '';
    for (;;) {
      const { rows } = await store.query<{ id: string; traits: Traits }>(
        `SELECT a.id, c.traits FROM loyalty_accounts a JOIN contacts c ON c.id = a.contact_id
         WHERE a.site_id = $1 AND a.id > $2 AND a.joined_at <= $3
           AND (right(c.traits->>'birthday', 5) = ANY($4) OR to_char(a.joined_at AT TIME ZONE 'UTC', 'MM-DD') = ANY($4))
         ORDER BY a.id LIMIT $5`,
        [siteId, after, options.now, days, batchSize],
      );
      for (const row of rows) {
        granted += await store.transaction(async (tx) => {
          const account = await syncBirthday(tx, await lockAccount(tx, row.id), row.traits);
          return grantDueRewards(tx, { siteId, program, now: clock() }, account);
        });
      }
      if (rows.length < batchSize) break;
      after = rows.at(-1)?.id ?? after;
    }
  }
  return granted;
}
