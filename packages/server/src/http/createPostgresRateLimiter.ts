import type { RapportStore } from '../store/Store.js';
import type { RateLimitDecision, RateLimiter } from './createRateLimiter.js';

/** Options of {@link createPostgresRateLimiter}. */
export interface PostgresRateLimiterOptions {
  /** Least time between two deletions of expired windows by this limiter, in milliseconds. Default: 60000. */
  pruneEveryMs?: number;
}

// One statement per request: the row lock taken by the upsert makes concurrent requests for one key, from any
// instance, count one after another. A request at or after the window's end opens a new window. A request
// stamped a little before the window's start was concurrent with the one that opened it (it read the clock
// first, or on a host whose clock is slightly behind) and counts in it; one stamped more than a window before
// (a clock set back) opens a new window. The count stops at max + 1: refused requests need not be told apart.
const EXPIRED = '($2::timestamptz >= w.expires_at OR $2::timestamptz < w.window_start - (w.expires_at - w.window_start))';
const CONSUME = `
  INSERT INTO rate_limit_windows AS w (key, window_start, expires_at, count)
  VALUES ($1, $2::timestamptz, $3::timestamptz, 1)
  ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN ${EXPIRED} THEN $2::timestamptz ELSE w.window_start END,
    expires_at = CASE WHEN ${EXPIRED} THEN $3::timestamptz ELSE w.expires_at END,
    count = CASE WHEN ${EXPIRED} THEN 1 ELSE least(w.count, $4::integer) + 1 END
  RETURNING count, expires_at`;

const PRUNE = `WITH gone AS (DELETE FROM rate_limit_windows WHERE expires_at <= $1::timestamptz RETURNING 1)
  SELECT count(*)::integer AS deleted FROM gone`;

/** A rate limiter that also says how many expired windows it deleted (tests and operators). */
export interface PostgresRateLimiter extends RateLimiter {
  /** Deletes the windows that ended at or before `nowMs`; resolves how many. */
  prune(nowMs: number): Promise<number>;
}

/**
 * A fixed-window rate limiter whose counts live in the database (`rate_limit_windows`, migration 12), so every
 * server instance on one PostgreSQL database shares one count per key: N instances admit `max` requests per
 * window in total, not N × `max`. Each request costs one upsert. Time is the caller's clock (the app's `clock`),
 * so instances' clocks should agree (NTP); windows that have ended are deleted at most once per `pruneEveryMs`
 * per instance, in the background of a request.
 */
export function createPostgresRateLimiter(store: RapportStore, options: PostgresRateLimiterOptions = {}): PostgresRateLimiter {
  const pruneEveryMs = options.pruneEveryMs ?? 60_000;
  let lastPruneMs = Number.NEGATIVE_INFINITY;

  async function prune(nowMs: number): Promise<number> {
    const { rows } = await store.query<{ deleted: number }>(PRUNE, [new Date(nowMs)]);
    return rows[0]?.deleted ?? 0;
  }

  return {
    prune,
    async consume(key, rule, nowMs): Promise<RateLimitDecision> {
      if (nowMs - lastPruneMs >= pruneEveryMs || nowMs < lastPruneMs) {
        lastPruneMs = nowMs;
        // In the background: a failed prune is retried at the next one, and never fails a request.
        prune(nowMs).catch(() => undefined);
      }
      const now = new Date(nowMs);
      const { rows } = await store.query<{ count: number; expires_at: Date }>(CONSUME, [
        key,
        now,
        new Date(nowMs + rule.windowMs),
        rule.max,
      ]);
      const row = rows[0];
      if (!row) throw new Error('The rate-limit upsert returned no row');
      if (row.count <= rule.max) return { allowed: true, remaining: rule.max - row.count };
      const untilEnd = Math.min(row.expires_at.getTime() - nowMs, rule.windowMs);
      const retryAfterSeconds = Math.max(1, Math.ceil(untilEnd / 1000));
      return { allowed: false, retryAfterSeconds };
    },
  };
}
