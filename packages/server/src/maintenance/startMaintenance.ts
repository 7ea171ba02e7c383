import { pruneIdempotencyKeys } from '../idempotency/pruneIdempotencyKeys.js';
import type { RapportLogger } from '../logger.js';
import { grantScheduledRewards } from '../loyalty/grantScheduledRewards.js';
import { positiveInteger } from '../positiveInteger.js';
import type { RapportStore } from '../store/Store.js';

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
}

/** What one maintenance run did. */
export interface MaintenanceRun {
  /** Idempotency-Keys deleted because their retention had passed. */
  idempotencyKeysPruned: number;
  /** Birthday and anniversary rewards granted to members (see `grantScheduledRewards`). */
  loyaltyRewardsGranted: number;
}

/** A running maintenance loop. */
export interface Maintenance {
  /** Runs the jobs now (after any run in progress) and resolves with what they did. */
  runNow(): Promise<MaintenanceRun>;
  /** Stops the timer and waits for a run in progress, so the store can be closed after it. */
  stop(): Promise<void>;
}

/**
 * The server's scheduled work, on a timer that never keeps the process alive: it grants the loyalty birthday
 * and anniversary rewards due (so they arrive on the day, not at the member's next visit) and prunes
 * Idempotency-Keys past their retention. Runs never overlap; a failed job is logged and the loop goes on.
 */
export function startMaintenance(options: MaintenanceOptions): Maintenance {
  const intervalMs = positiveInteger('maintenance intervalMs', options.intervalMs);
  const clock = options.clock ?? (() => new Date());
  let running: Promise<MaintenanceRun> = Promise.resolve({ idempotencyKeysPruned: 0, loyaltyRewardsGranted: 0 });
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
    if (failures.length > 0) throw failures[0];
    return { loyaltyRewardsGranted, idempotencyKeysPruned };
  }

  const runNow = () => (running = running.catch(() => undefined).then(runJobs));
  const tick = () => {
    if (!stopped) runNow().catch(() => undefined);
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
