import { pruneIdempotencyKeys } from '../idempotency/pruneIdempotencyKeys.js';
import type { RapportLogger } from '../logger.js';
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

/** A running maintenance loop. */
export interface Maintenance {
  /** Runs the jobs now (after any run in progress) and resolves with what they did. */
  runNow(): Promise<{ idempotencyKeysPruned: number }>;
  /** Stops the timer and waits for a run in progress, so the store can be closed after it. */
  stop(): Promise<void>;
}

/**
 * The server's housekeeping on a timer that never keeps the process alive: today it prunes Idempotency-Keys
 * past their retention. Runs never overlap; a failure is logged and the loop goes on.
 */
export function startMaintenance(options: MaintenanceOptions): Maintenance {
  if (!Number.isInteger(options.intervalMs) || options.intervalMs <= 0) {
    throw new RangeError('maintenance intervalMs must be a positive integer');
  }
  const clock = options.clock ?? (() => new Date());
  let running: Promise<{ idempotencyKeysPruned: number }> = Promise.resolve({ idempotencyKeysPruned: 0 });
  let stopped = false;

  const runNow = () =>
    (running = running
      .catch(() => undefined)
      .then(async () => ({ idempotencyKeysPruned: await pruneIdempotencyKeys(options.store, { now: clock() }) })));

  const tick = () => {
    if (stopped) return;
    runNow().catch((error: unknown) => options.logger.error('Maintenance run failed', { error }));
  };
  const timer = setInterval(tick, options.intervalMs);
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
