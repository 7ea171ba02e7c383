import type { LoyaltyAccountSummary, LoyaltyProgram } from '@rapport/core/schemas';
import type { AccountState } from './accountState.js';
import type { AccountRow, EntryRow } from './ledgerQueries.js';
import { tierStatus } from './tierStatus.js';

/** Lines of history on the card. */
export const HISTORY_LIMIT = 20;

/** The visitor's card, from a settled account. */
export function buildSummary(input: {
  program: LoyaltyProgram;
  account: AccountRow;
  entries: readonly EntryRow[];
  state: AccountState;
  now: Date;
}): LoyaltyAccountSummary {
  const { program, account, entries, state, now } = input;
  const seen = account.celebrations_seen_at?.getTime() ?? -Infinity;
  const celebrated = [...entries].reverse().find((e) => e.celebration !== null && e.created_at.getTime() > seen);
  const size = program.stampCard?.size ?? 0;
  // Refunding an order whose stamp helped fill a claimed card takes the count below zero: show an empty
  // card then, never a negative one (the next purchases make the stamp good).
  const stamps = Math.max(0, state.stamps);
  return {
    pointsName: program.pointsName,
    balance: state.balance,
    pending: state.pending,
    lifetimePoints: state.lifetimePoints,
    tier: tierStatus(program, entries, now),
    nextExpiry: state.nextExpiry ? { points: state.nextExpiry.points, at: state.nextExpiry.at.toISOString() } : null,
    stamps: program.stampCard
      ? { size, collected: stamps % size, ready: Math.floor(stamps / size), reward: program.stampCard.reward }
      : null,
    rewards: program.rewards.map((r) => ({ id: r.id, name: r.name, description: r.description, cost: r.cost, gap: Math.max(0, r.cost - state.balance) })),
    history: entries
      .filter((e) => e.points !== 0 || e.stamps !== 0)
      .slice(-HISTORY_LIMIT)
      .reverse()
      .map((e) => ({ id: e.id, type: e.type, points: e.points, reason: e.reason, at: e.created_at.toISOString(), pending: e.available_at.getTime() > now.getTime() })),
    celebration: celebrated?.celebration
      ? { kind: celebrated.celebration, points: celebrated.points, at: celebrated.created_at.toISOString() }
      : null,
    referralCode: account.referral_code,
  };
}
