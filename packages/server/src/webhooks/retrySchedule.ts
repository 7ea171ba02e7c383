const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delays before each retry after a failed attempt: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 24 h,
 * 24 h: 12 attempts over about 71 hours (≈ 3 days), then the delivery has failed.
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  5 * SECOND,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
  24 * HOUR,
];

/** Longest wait a `Retry-After` may ask for: longer asks wait this long. */
export const MAX_RETRY_AFTER_MS = 6 * HOUR;

/**
 * The delay before the retry after failed attempt number `attempt` (1 = the first try), jittered by ±20 % so
 * receivers that fail together are not retried together; `null` when the schedule is used up.
 */
export function retryDelayMs(schedule: readonly number[], attempt: number, random: () => number = Math.random): number | null {
  const base = schedule[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * A `Retry-After` header (delay in seconds or an HTTP date) as milliseconds from `now`, between 0 and
 * {@link MAX_RETRY_AFTER_MS}; `null` when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null, now: Date, maxMs = MAX_RETRY_AFTER_MS): number | null {
  if (header === null) return null;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * SECOND;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), maxMs);
}
