import type { LoyaltyAccountSummary } from '@rapport/core/schemas';
import { addMonths } from './accountState.js';
import type { AccountRow, EntryRow } from './ledgerQueries.js';
import { RETENTION_MONTHS } from './tierStatus.js';

/** The next occurrence of `MM-DD` (UTC) after `now`: this year's, else next year's. */
function nextOccurrence(monthDay: string, now: number): number {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  const year = new Date(now).getUTCFullYear();
  const thisYear = Date.UTC(year, month - 1, day);
  return thisYear > now ? thisYear : Date.UTC(year + 1, month - 1, day);
}

/**
 * The first instant after `now` (epoch ms) at which time alone, with nothing written, may change a card read at
 * `now`: an entry becoming available (pending points, the history's pending marks), a lot reaching its expiry, an
 * earning leaving the trailing year or a grace year ending (the tier), the tier's `keepBy`, a birthday or anniversary
 * opening its reward's window (the card is then due). Conservative: some of these instants change nothing.
 */
export function cardChangesAt(
  input: { account: Pick<AccountRow, 'birthday' | 'joined_at' | 'next_expiry_at'>; entries: readonly EntryRow[]; card: LoyaltyAccountSummary },
  now: Date,
): number {
  const t = now.getTime();
  let next = Number.POSITIVE_INFINITY;
  const consider = (instant: number | null | undefined) => {
    if (instant !== null && instant !== undefined && instant > t && instant < next) next = instant;
  };
  for (const entry of input.entries) {
    consider(entry.available_at.getTime());
    consider(entry.expires_at?.getTime());
    consider(addMonths(entry.created_at, RETENTION_MONTHS).getTime());
    consider(addMonths(entry.available_at, RETENTION_MONTHS).getTime());
  }
  consider(input.account.next_expiry_at?.getTime());
  consider(input.card.tier.keepBy === null ? null : Date.parse(input.card.tier.keepBy));
  if (input.account.birthday) consider(nextOccurrence(input.account.birthday, t));
  consider(nextOccurrence(input.account.joined_at.toISOString().slice(5, 10), t));
  return next;
}
