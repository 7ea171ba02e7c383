import type { LoyaltyProgram } from '@rapport/core/schemas';
import type { EntryRow } from './ledgerQueries.js';

/** Where a ledger write happens: the site, its program and the time read after the account's lock. */
export interface LedgerScope {
  siteId: string;
  program: LoyaltyProgram;
  /** Read after the account row was locked: a request that waited for the lock sees what was written ahead of it. */
  now: Date;
}

/** What a ledger write answers: the entry (new, or the original one of its key) and whether it is new. */
export interface WriteOutcome {
  row: EntryRow;
  created: boolean;
}
