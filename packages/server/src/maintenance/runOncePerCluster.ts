import { hostname } from 'node:os';
import type { RapportStore } from '../store/Store.js';

/**
 * First key of the transaction-scoped advisory lock that one maintenance run holds; the second is the hash of
 * the current schema, so clusters in separate schemas of one database (tests) do not wait for each other.
 */
const MAINTENANCE_LOCK_KEY = 727_277_688;

/**
 * Share of the interval that must have passed since the cluster's last timer run for the next to start. Below 1
 * so that one instance's own ticks, which PostgreSQL sees a few milliseconds early or late, are never skipped.
 */
const INTERVAL_SLACK = 0.9;

/** Runs older than this are deleted when a new one is recorded. */
const HISTORY_DAYS = 7;

/** How a run was asked for: by the timer (once per interval in the cluster) or `runNow` (always). */
export type MaintenanceTrigger = 'timer' | 'manual';

/** Options of {@link runOncePerCluster}. */
export interface RunOncePerClusterOptions {
  /** The maintenance interval in milliseconds. Required. */
  intervalMs: number;
  /** `timer` skips when the cluster ran in the last 0.9 interval or a run is in progress; `manual` waits. Required. */
  trigger: MaintenanceTrigger;
  /** Name of this instance in `maintenance_runs`. Default: `<hostname>:<pid>`. */
  instance?: string;
}

/**
 * Runs `work` once for every server instance on one PostgreSQL database (a cluster): inside a transaction that
 * holds an advisory lock (`pg_try_advisory_xact_lock`, released on commit or when the connection dies) and
 * records the run in `maintenance_runs`. A timer run is skipped (`null`) when another instance holds the lock or
 * the cluster's last timer run started less than 0.9 × `intervalMs` ago (database time), so each interval runs
 * once however the instances' timers are phased. A failed run is recorded as failed and rethrown. The lock's
 * transaction holds one pooled connection for the run while `work` uses others (a pool of at least 2). On PGlite
 * (one process) `work` simply runs.
 */
export async function runOncePerCluster<T>(store: RapportStore, options: RunOncePerClusterOptions, work: () => Promise<T>): Promise<T | null> {
  if (store.kind !== 'postgres') return work();
  const instance = options.instance ?? `${hostname()}:${process.pid}`;
  const outcome = await store.transaction(async (tx) => {
    const lock = 'SELECT pg_try_advisory_xact_lock($1, hashtext(coalesce(current_schema(), \'\'))) AS locked';
    if (options.trigger === 'timer') {
      const { rows } = await tx.query<{ locked: boolean }>(lock, [MAINTENANCE_LOCK_KEY]);
      if (!rows[0]?.locked) return null;
      const { rows: recent } = await tx.query(
        `SELECT 1 FROM maintenance_runs WHERE trigger = 'timer' AND started_at > now() - make_interval(secs => $1) LIMIT 1`,
        [(options.intervalMs * INTERVAL_SLACK) / 1000],
      );
      if (recent.length > 0) return null;
    } else {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), \'\')))', [MAINTENANCE_LOCK_KEY]);
    }
    await tx.query(`DELETE FROM maintenance_runs WHERE started_at < now() - make_interval(days => $1)`, [HISTORY_DAYS]);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO maintenance_runs (started_at, instance, trigger) VALUES (now(), $1, $2) RETURNING id`,
      [instance, options.trigger],
    );
    let result: { value: T } | { error: unknown };
    try {
      result = { value: await work() };
    } catch (error) {
      result = { error };
    }
    await tx.query('UPDATE maintenance_runs SET finished_at = clock_timestamp(), failed = $2 WHERE id = $1', [rows[0]?.id, 'error' in result]);
    return result;
  });
  if (outcome === null) return null;
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
