import type { LoyaltyProgram } from '@rapport/core/schemas';
import type { EntryRow } from './ledgerQueries.js';

/** Balances of an account at one moment, computed from its ledger. */
export interface AccountState {
  /** Sum of entries available now. */
  balance: number;
  /** Sum of entries not yet available (earned inside the approval window, net of their reversals). */
  pending: number;
  /** Earned (earn + reverse entries available now). */
  lifetimePoints: number;
  /** Stamps of available entries: a purchase stamps the card once its approval window has passed. */
  stamps: number;
  /** Lots past their expiry that still hold points: what an `expire` entry must remove. */
  dueExpiries: Array<{ lot: EntryRow; points: number }>;
  nextExpiry: { points: number; at: Date } | null;
}

const at = (date: Date) => date.getTime();

/**
 * Folds a ledger into balances. Points expire per earning "lot"; debits (redemptions, reversals, negative
 * adjustments) use the lots that expire soonest first, so what expires is what is really left of a lot.
 */
export function computeAccountState(entries: readonly EntryRow[], now: Date): AccountState {
  const t = at(now);
  const available = entries.filter((e) => at(e.available_at) <= t);
  const balance = available.reduce((sum, e) => sum + e.points, 0);
  const pending = entries.filter((e) => at(e.available_at) > t).reduce((sum, e) => sum + e.points, 0);
  const lifetimePoints = available.filter((e) => e.type === 'earn' || e.type === 'reverse').reduce((sum, e) => sum + e.points, 0);
  // A pending award's stamp cannot fill a card yet; its reversal becomes available with it, so they net out.
  const stamps = available.reduce((sum, e) => sum + e.stamps, 0);

  const expired = new Map<string, number>();
  for (const e of available) if (e.type === 'expire' && e.source_entry_id) expired.set(e.source_entry_id, -e.points);
  let debits = -available.filter((e) => e.points < 0 && e.type !== 'expire').reduce((sum, e) => sum + e.points, 0);
  const lots = available
    .filter((e) => e.points > 0)
    .sort((a, b) => (a.expires_at ? at(a.expires_at) : Infinity) - (b.expires_at ? at(b.expires_at) : Infinity) || at(a.created_at) - at(b.created_at));

  const dueExpiries: AccountState['dueExpiries'] = [];
  let left = balance;
  let nextExpiry = null as AccountState['nextExpiry'];
  for (const lot of lots) {
    const gone = expired.get(lot.id);
    const used = gone === undefined ? Math.min(lot.points, debits) : lot.points - gone;
    debits = Math.max(0, debits - used);
    const remaining = gone === undefined ? lot.points - used : 0;
    if (remaining <= 0 || !lot.expires_at) continue;
    if (at(lot.expires_at) <= t) {
      const points = Math.min(remaining, left);
      left -= points;
      if (points > 0) dueExpiries.push({ lot, points });
    } else if (!nextExpiry || at(nextExpiry.at) === at(lot.expires_at)) {
      nextExpiry = { points: (nextExpiry?.points ?? 0) + remaining, at: lot.expires_at };
    }
  }
  return { balance, pending, lifetimePoints, stamps, dueExpiries, nextExpiry };
}

/** `date` plus whole calendar months (UTC). */
export function addMonths(date: Date, months: number): Date {
  const next = new Date(date.getTime());
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}

/** `date` plus days. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** When points earned at `from` expire under the program, or `null` (never). */
export function expiresAt(program: LoyaltyProgram, from: Date): Date | null {
  return program.expiryMonths === null ? null : addMonths(from, program.expiryMonths);
}
