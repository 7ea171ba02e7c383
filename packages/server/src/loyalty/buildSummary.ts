import type { LoyaltyAccountSummary, LoyaltyProgram } from '@rapport/core/schemas';
import { addMonths, type AccountState } from './accountState.js';
import type { AccountRow, EntryRow } from './ledgerQueries.js';

/** Lines of history on the card. */
export const HISTORY_LIMIT = 20;

function tierOf(program: LoyaltyProgram, entries: readonly EntryRow[], state: AccountState, now: Date): LoyaltyAccountSummary['tier'] {
  const tiers = program.tiers;
  let index = 0;
  tiers.forEach((tier, i) => {
    if (state.lifetimePoints >= tier.threshold) index = i;
  });
  const current = tiers[index]!;
  const next = tiers[index + 1];
  const yearAgo = addMonths(now, -12).getTime();
  const earnedThisYear = entries
    .filter((e) => (e.type === 'earn' || e.type === 'reverse') && e.created_at.getTime() > yearAgo && e.available_at.getTime() <= now.getTime())
    .reduce((sum, e) => sum + e.points, 0);
  return {
    name: current.name,
    perks: current.perks,
    next: next ? { name: next.name, threshold: next.threshold, pointsNeeded: next.threshold - state.lifetimePoints } : null,
    progress: next ? Math.min(1, Math.max(0, (state.lifetimePoints - current.threshold) / (next.threshold - current.threshold))) : 1,
    pointsToKeep: program.tierRetention ? Math.max(0, current.threshold - earnedThisYear) : 0,
  };
}

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
  // A reversal after a claimed card can take the count below zero: show an empty card then, never a negative one.
  const stamps = Math.max(0, state.stamps);
  return {
    pointsName: program.pointsName,
    balance: state.balance,
    pending: state.pending,
    lifetimePoints: state.lifetimePoints,
    tier: tierOf(program, entries, state, now),
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
