/** How failed idempotent requests are retried. */
export interface RetryOptions {
  /** Retries after the first attempt. Default `3`; `0` turns retrying off. */
  retries?: number;
  /** First delay in milliseconds, doubled on each retry. Default `300`. */
  baseDelayMs?: number;
  /** Longest wait between attempts in milliseconds, including a server's `Retry-After`. Default `10_000`. */
  maxDelayMs?: number;
}

/**
 * Milliseconds to wait before retry number `attempt` (0-based): "full jitter" exponential backoff,
 * a random point in [0, min(cap, base · 2^attempt)], or the server's `Retry-After` when it gave one (capped).
 */
export function backoffDelay(
  attempt: number,
  options: Required<RetryOptions>,
  random: () => number,
  retryAfterSeconds?: number,
): number {
  return retryAfterSeconds === undefined
    ? Math.floor(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt))
    : Math.min(options.maxDelayMs, Math.max(0, retryAfterSeconds * 1000));
}

/** Parses a `Retry-After` header (delta-seconds or an HTTP date) into seconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
