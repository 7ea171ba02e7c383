import type { RapportStore } from '../store/Store.js';
import type { RateLimitDecision, RateLimiter } from './createRateLimiter.js';

/** Options of {@link createPostgresRateLimiter}. */
export interface PostgresRateLimiterOptions {
  /** Least time between two deletions of expired windows by this limiter, in milliseconds. Default: 60000. */
  pruneEveryMs?: number;
}

// One statement per claim: the row lock taken by the upsert makes concurrent claims for one key, from any
// instance, count one after another. A claim at or after the window's end opens a new window. A claim stamped a
// little before the window's start was concurrent with the one that opened it (it read the clock first, or on a
// host whose clock is slightly behind) and counts in it; one stamped more than a window before (a clock set back)
// opens a new window. A claim takes $5 requests of the count at once; the count stops at max + $5.
const EXPIRED = '($2::timestamptz >= w.expires_at OR $2::timestamptz < w.window_start - (w.expires_at - w.window_start))';
const CLAIM = `
  INSERT INTO rate_limit_windows AS w (key, window_start, expires_at, count)
  VALUES ($1, $2::timestamptz, $3::timestamptz, $5::integer)
  ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN ${EXPIRED} THEN $2::timestamptz ELSE w.window_start END,
    expires_at = CASE WHEN ${EXPIRED} THEN $3::timestamptz ELSE w.expires_at END,
    count = CASE WHEN ${EXPIRED} THEN $5::integer ELSE least(w.count, $4::integer) + $5::integer END
  RETURNING count, window_start, expires_at`;

/** A claim divides the limit by this at most: with `max` 120, an instance claims up to 7 requests at once. */
const LEASE_DIVISOR = 16;

/** Requests of a key's count this instance claimed and has not used yet, numbered `next`…`last` in the window. */
interface Lease {
  windowStartMs: number;
  expiresAtMs: number;
  next: number;
  last: number;
  /** How many the last claim asked for: the next asks for twice as many, up to `max / 16`. */
  size: number;
}

const PRUNE = `WITH gone AS (DELETE FROM rate_limit_windows WHERE expires_at <= $1::timestamptz RETURNING 1)
  SELECT count(*)::integer AS deleted FROM gone`;

/** A rate limiter that also says how many expired windows it deleted (tests and operators). */
export interface PostgresRateLimiter extends RateLimiter {
  /** Deletes the windows that ended at or before `nowMs`; resolves how many. */
  prune(nowMs: number): Promise<number>;
}

/**
 * A fixed-window rate limiter whose counts live in the database (`rate_limit_windows`, migration 12), so every
 * server instance on one PostgreSQL database shares one count per key: N instances admit at most `max` requests per
 * window in total, not N × `max`. With `max` up to 16 each request costs one upsert and the count is exact. Above
 * that, a key that keeps asking claims several requests of the count in one upsert (1, 2, 4, … up to `max / 16`) and
 * spends them from memory, so a busy visitor costs a write now and then instead of one per request; the price is
 * that near the limit an instance may refuse a key up to `max / 16 − 1` requests early while another instance still
 * holds some it claimed (never admitting more than `max`). Time is the caller's clock (the app's `clock`), so
 * instances' clocks should agree (NTP); windows that have ended are deleted at most once per `pruneEveryMs` per
 * instance, in the background of a request.
 */
export function createPostgresRateLimiter(store: RapportStore, options: PostgresRateLimiterOptions = {}): PostgresRateLimiter {
  const pruneEveryMs = options.pruneEveryMs ?? 60_000;
  let lastPruneMs = Number.NEGATIVE_INFINITY;
  const leases = new Map<string, Lease>();

  async function prune(nowMs: number): Promise<number> {
    for (const [key, lease] of leases) if (nowMs >= lease.expiresAtMs) leases.delete(key);
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
      const held = leases.get(key);
      const current = held && nowMs >= held.windowStartMs && nowMs < held.expiresAtMs ? held : undefined;
      if (current && current.next <= current.last) {
        const slot = current.next++;
        return { allowed: true, remaining: rule.max - slot };
      }
      const size = current ? Math.min(current.size * 2, Math.max(1, Math.floor(rule.max / LEASE_DIVISOR))) : 1;
      const { rows } = await store.query<{ count: number; window_start: Date; expires_at: Date }>(CLAIM, [
        key,
        new Date(nowMs),
        new Date(nowMs + rule.windowMs),
        rule.max,
        size,
      ]);
      const row = rows[0];
      if (!row) throw new Error('The rate-limit upsert returned no row');
      const first = row.count - size + 1;
      if (first <= rule.max) {
        // Kept even when spent: the next claim of this window asks for more.
        leases.set(key, { windowStartMs: row.window_start.getTime(), expiresAtMs: row.expires_at.getTime(), next: first + 1, last: Math.min(row.count, rule.max), size });
        return { allowed: true, remaining: rule.max - first };
      }
      leases.delete(key);
      const untilEnd = Math.min(row.expires_at.getTime() - nowMs, rule.windowMs);
      const retryAfterSeconds = Math.max(1, Math.ceil(untilEnd / 1000));
      return { allowed: false, retryAfterSeconds };
    },
  };
}
