/** At most `max` requests per `windowMs` milliseconds. */
export interface RateLimitRule {
  /** Length of the window in milliseconds. */
  windowMs: number;
  /** Requests allowed per window. */
  max: number;
}

/** Outcome of {@link RateLimiter.consume}. */
export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts requests per key in fixed windows: a window opens at a key's first request and lasts `windowMs`; a
 * request stamped before the window's start (a clock set back) opens a new one — in memory at once, in the
 * database only when it is more than a window before (instances stamp concurrent requests a little out of order).
 */
export interface RateLimiter {
  /** Counts one request for `key` at `nowMs` and says whether it is allowed. */
  consume(key: string, rule: RateLimitRule, nowMs: number): Promise<RateLimitDecision>;
}

const PRUNE_THRESHOLD = 10_000;

/**
 * An in-memory fixed-window rate limiter, one per app: for PGlite, a single-process store. Several server
 * instances each count on their own with it; on PostgreSQL use `createPostgresRateLimiter`, which they share.
 */
export function createRateLimiter(): RateLimiter {
  const windows = new Map<string, { start: number; count: number; windowMs: number }>();

  function prune(nowMs: number): void {
    for (const [key, window] of windows) if (nowMs >= window.start + window.windowMs) windows.delete(key);
  }

  return {
    async consume(key, rule, nowMs) {
      let window = windows.get(key);
      if (!window || nowMs >= window.start + window.windowMs || nowMs < window.start) {
        if (!window && windows.size >= PRUNE_THRESHOLD) prune(nowMs);
        window = { start: nowMs, count: 0, windowMs: rule.windowMs };
        windows.set(key, window);
      }
      if (window.count >= rule.max) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + rule.windowMs - nowMs) / 1000)) };
      }
      window.count += 1;
      return { allowed: true, remaining: rule.max - window.count };
    },
  };
}
