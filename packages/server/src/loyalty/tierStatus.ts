import type { LoyaltyAccountSummary, LoyaltyProgram } from '@rapport/core/schemas';
import { addMonths } from './accountState.js';
import type { EntryRow } from './ledgerQueries.js';

/** Months of earning that keep a tier under `tierRetention`, and of grace after reaching one. */
export const RETENTION_MONTHS = 12;

/** What the tier reads of a ledger entry (only `earn` and `reverse` entries count; others may be left out). */
export type TierEntry = Pick<EntryRow, 'id' | 'type' | 'points' | 'source_entry_id' | 'created_at' | 'available_at'>;

/** An earn or reverse entry: when it counts (available) and when it was earned (a reversal: its award's). */
interface Earning {
  availableAt: number;
  agesOutAt: number;
  points: number;
}

function earningsOf(entries: readonly TierEntry[]): Earning[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return entries
    .filter((e) => e.type === 'earn' || e.type === 'reverse')
    .map((e) => {
      // A refund undoes its order's earning: it leaves the trailing year when the order does, so a
      // cancelled order nets to nothing at every moment.
      const earnedAt = (e.source_entry_id ? byId.get(e.source_entry_id)?.created_at : undefined) ?? e.created_at;
      return { availableAt: e.available_at.getTime(), agesOutAt: addMonths(earnedAt, RETENTION_MONTHS).getTime(), points: e.points };
    });
}

/** Points earned in the 12 months before `t`, counting each entry from when it is available. */
function trailing(earnings: readonly Earning[], t: number): number {
  return earnings.reduce((sum, e) => (e.availableAt <= t && t < e.agesOutAt ? sum + e.points : sum), 0);
}

/**
 * When lifetime points last rose to `threshold` (the moment the entries that crossed it became available),
 * or `null` while below it. Entries available at the same moment count together, so an order cancelled
 * inside its approval window never "reaches" a tier.
 */
function reachedAt(earnings: readonly Earning[], threshold: number, now: number): number | null {
  const moments = [...new Set(earnings.map((e) => e.availableAt).filter((t) => t <= now))].sort((a, b) => a - b);
  let total = 0;
  let reached: number | null = null;
  for (const moment of moments) {
    const before = total;
    total += earnings.reduce((sum, e) => (e.availableAt === moment ? sum + e.points : sum), 0);
    if (total < threshold) reached = null;
    else if (before < threshold) reached = moment;
  }
  return reached;
}

/**
 * The first moment after `now` the member loses a tier they hold if they earn nothing more: once the grace
 * year is over, when the trailing sum falls below the threshold (entries ageing out, or pending ones
 * arriving). A year from now nothing earned so far still counts, so the tier is lost by then at the latest.
 */
function lossAt(earnings: readonly Earning[], threshold: number, graceEnd: number, now: number): number {
  const lastChance = addMonths(new Date(now), RETENTION_MONTHS).getTime();
  const from = Math.max(graceEnd, now + 1);
  const moments = [graceEnd, ...earnings.flatMap((e) => [e.availableAt, e.agesOutAt])].filter((t) => t >= from && t < lastChance);
  for (const moment of [...new Set(moments)].sort((a, b) => a - b)) {
    if (trailing(earnings, moment) < threshold) return moment;
  }
  return lastChance;
}

/**
 * The member's tier. By lifetime points; with `tierRetention`, tier i > 0 is held only while lifetime points
 * reach its threshold and either it was reached less than 12 months ago (the grace year) or the points earned
 * in the last 12 months reach it too; otherwise the member falls to the highest tier still held. `keepBy` is
 * when a held tier would be lost without earning more, and `pointsToKeep` what to earn before then.
 */
export function tierStatus(program: LoyaltyProgram, entries: readonly TierEntry[], now: Date): LoyaltyAccountSummary['tier'] {
  const t = now.getTime();
  const earnings = earningsOf(entries);
  const lifetime = earnings.reduce((sum, e) => (e.availableAt <= t ? sum + e.points : sum), 0);
  const recent = trailing(earnings, t);
  const retained = program.tierRetention;
  const graceEnd = (threshold: number) => {
    const reached = reachedAt(earnings, threshold, t);
    return reached === null ? -Infinity : addMonths(new Date(reached), RETENTION_MONTHS).getTime();
  };
  const holds = (threshold: number) => lifetime >= threshold && (!retained || t < graceEnd(threshold) || recent >= threshold);

  const tiers = program.tiers;
  // The first tier (threshold 0) is always held.
  const index = Math.max(0, tiers.findLastIndex((tier, i) => i > 0 && holds(tier.threshold)));
  const current = tiers[index]!;
  const next = tiers[index + 1];
  // Climbing is by lifetime points; a member who fell from a tier already has those, and earns it back
  // with the last 12 months' points.
  const have = next && lifetime >= next.threshold ? recent : lifetime;
  const keepBy = retained && current.threshold > 0 ? lossAt(earnings, current.threshold, graceEnd(current.threshold), t) : null;
  return {
    name: current.name,
    perks: current.perks,
    next: next ? { name: next.name, threshold: next.threshold, pointsNeeded: next.threshold - have } : null,
    progress: next ? Math.min(1, Math.max(0, (have - current.threshold) / (next.threshold - current.threshold))) : 1,
    pointsToKeep: keepBy === null ? 0 : current.threshold - trailing(earnings, keepBy),
    keepBy: keepBy === null ? null : new Date(keepBy).toISOString(),
  };
}
