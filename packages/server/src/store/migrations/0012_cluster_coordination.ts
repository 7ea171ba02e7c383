import type { Migration } from './Migration.js';

/**
 * What several server instances on one PostgreSQL database share, so that they behave as one:
 *
 * - `rate_limit_windows`: one fixed-window request count per rate-limit key (credential and principal), counted
 *   by an atomic upsert (`createPostgresRateLimiter`). A row lives until its window ends; expired rows are
 *   deleted by the limiter, at most once a minute per instance.
 * - `maintenance_runs`: one row per run of the scheduled jobs (`startMaintenance`), written under an advisory
 *   lock, so an instance whose timer ticks soon after another instance's run skips its own. Kept for 7 days.
 *
 * On PGlite (one process) both tables exist and stay empty: its limiter counts in memory and its jobs run unlocked.
 */
export const migration0012ClusterCoordination: Migration = {
  id: 12,
  name: 'cluster_coordination',
  statements: [
    `CREATE TABLE rate_limit_windows (
       key text PRIMARY KEY,
       window_start timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       count integer NOT NULL CHECK (count > 0),
       CHECK (expires_at > window_start)
     )`,
    `CREATE INDEX rate_limit_windows_expires_at ON rate_limit_windows (expires_at)`,
    `CREATE TABLE maintenance_runs (
       id bigserial PRIMARY KEY,
       started_at timestamptz NOT NULL,
       finished_at timestamptz,
       instance text NOT NULL,
       trigger text NOT NULL CHECK (trigger IN ('timer', 'manual')),
       failed boolean NOT NULL DEFAULT false
     )`,
    `CREATE INDEX maintenance_runs_started_at ON maintenance_runs (started_at)`,
  ],
};
