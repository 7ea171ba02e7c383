import { pruneIdempotencyKeys } from '../idempotency/pruneIdempotencyKeys.js';
import { foldChangeCounters } from './foldChangeCounters.js';
import type { RapportLogger } from '../logger.js';
import { grantScheduledRewards } from '../loyalty/grantScheduledRewards.js';
import { settleDueAccounts } from '../loyalty/settleDueAccounts.js';
import { positiveInteger } from '../positiveInteger.js';
import type { RapportStore } from '../store/Store.js';
import { runOncePerCluster, type MaintenanceTrigger } from './runOncePerCluster.js';

/** Options of {@link startMaintenance}. */
export interface MaintenanceOptions {
  /** The database to tidy. Required. */
  store: RapportStore;
  /** Time between runs in milliseconds; the first run starts at once. Required. */
  intervalMs: number;
  /** The current time. Default: `() => new Date()`. */
  clock?: () => Date;
  /** Where a failed run is reported (the next run tries again). Required. */
  logger: RapportLogger;
  /**
   * Called after each run this instance performs or fails to take (not the timer runs skipped because another
   * instance ran), with whether it succeeded and how long it took: `startServer` counts runs and failures in
   * `/metrics` here.
   * Default: none.
   */
  onRunSettled?: (outcome: { ok: boolean; durationMs: number }) => void;
}

/** What one maintenance run did. */
export interface MaintenanceRun {
  /** Idempotency-Keys deleted because their retention had passed. */
  idempotencyKeysPruned: number;
  /** Birthday and anniversary rewards granted to members (see `grantScheduledRewards`). */
  loyaltyRewardsGranted: number;
  /** Change-counter rows folded away (see `foldChangeCounters`). */
  changeCountersFolded: number;
  /** Loyalty accounts whose due pending points were posted or expired points written off (see `settleDueAccounts`). */
  loyaltyAccountsSettled: number;
}

/** A running maintenance loop. */
export interface Maintenance {
  /** Runs the jobs now (after any run in progress) and resolves with what they did. */
  runNow(): Promise<MaintenanceRun>;
  /** Stops the timer and waits for a run in progress, so the store can be closed after it. */
  stop(): Promise<void>;
}

const SKIPPED: MaintenanceRun = { idempotencyKeysPruned: 0, loyaltyRewardsGranted: 0, changeCountersFolded: 0, loyaltyAccountsSettled: 0 };
/** Logged when a timer run is skipped because another instance on the database ran (or runs) this interval's. */
export const SKIPPED_MESSAGE = 'Maintenance skipped: another instance ran it in this interval';

/**
 * The server's scheduled work, on a timer that never keeps the process alive: it grants the loyalty birthday
 * and anniversary rewards due (so they arrive on the day, not at the member's next visit), posts loyalty points
 * whose approval window has passed and writes off expired ones (so card reads find nothing to write), and prunes
 * Idempotency-Keys past their retention. Runs never overlap; a failed job is logged and the loop goes on. On
 * PostgreSQL the jobs run once per interval for all the instances on the database (see `runOncePerCluster`).
 */
export function startMaintenance(options: MaintenanceOptions): Maintenance {
  const intervalMs = positiveInteger('maintenance intervalMs', options.intervalMs);
  const clock = options.clock ?? (() => new Date());
  let running: Promise<MaintenanceRun> = Promise.resolve(SKIPPED);
  let stopped = false;

  // Each job runs even when the one before failed; every failure is logged, and the run rejects with the first.
  async function runJobs(): Promise<MaintenanceRun> {
    const now = clock();
    const failures: unknown[] = [];
    const attempt = async (job: string, work: () => Promise<number>) => {
      try {
        return await work();
      } catch (error) {
        failures.push(error);
        options.logger.error(`Maintenance job failed: ${job}`, { error });
        return 0;
      }
    };
    const loyaltyRewardsGranted = await attempt('loyalty rewards', () => grantScheduledRewards(options.store, { now, clock }));
    const idempotencyKeysPruned = await attempt('idempotency keys', () => pruneIdempotencyKeys(options.store, { now }));
    const changeCountersFolded = await attempt('change counters', () => foldChangeCounters(options.store));
    const loyaltyAccountsSettled = await attempt('loyalty settle', () => settleDueAccounts(options.store, { now, clock }));
    if (failures.length > 0) throw failures[0];
    return { loyaltyRewardsGranted, idempotencyKeysPruned, changeCountersFolded, loyaltyAccountsSettled };
  }

  // On PostgreSQL each run holds the cluster's maintenance lock: a timer run is skipped when another instance
  // ran in this interval; runNow waits for the lock and always runs. The jobs log their own failures; a run that
  // failed before its jobs started (the lock) is logged here. Every run performed, or failed, reaches `onRunSettled`.
  const run = (trigger: MaintenanceTrigger) =>
    (running = running.catch(() => undefined).then(async () => {
      const began = performance.now();
      const settle = (ok: boolean) => options.onRunSettled?.({ ok, durationMs: performance.now() - began });
      let jobsStarted = false;
      try {
        const done = await runOncePerCluster(options.store, { intervalMs, trigger }, () => ((jobsStarted = true), runJobs()));
        if (done === null) {
          options.logger.info(SKIPPED_MESSAGE);
          return SKIPPED;
        }
        settle(true);
        return done;
      } catch (error) {
        if (!jobsStarted) options.logger.error('Maintenance lock failed', { error });
        settle(false);
        throw error;
      }
    }));
  const runNow = () => run('manual');
  const tick = () => {
    if (!stopped) run('timer').catch(() => undefined);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  tick();

  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
