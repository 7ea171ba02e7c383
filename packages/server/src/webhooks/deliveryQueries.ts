import { newId } from '../crypto/random.js';
import type { RapportStore, SqlExecutor } from '../store/Store.js';
import { disableWebhookEndpoint } from './disableWebhookEndpoint.js';

/** A delivery this worker claimed: its attempt number is reserved, its lease runs until `leaseUntil`. */
export interface ClaimedDelivery {
  id: string;
  siteId: string;
  eventId: string;
  endpointId: string;
  /** The attempt being made (1 = first). */
  attempt: number;
  /** The JSON body, exactly as sent. */
  body: string;
  url: string;
  /** The secrets that sign this attempt: the current one, and the previous one while its overlap lasts. */
  secrets: string[];
}

interface ClaimRow {
  id: string;
  site_id: string;
  event_id: string;
  endpoint_id: string;
  attempts: number;
  payload: unknown;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
}

/**
 * Claims up to `limit` due pending deliveries in one statement (a short transaction of its own): rows locked by
 * another worker are skipped (`FOR UPDATE SKIP LOCKED`), a delivery waits while an earlier pending delivery of the same
 * endpoint and contact exists, and each claimed row gets its attempt number and a lease (`next_attempt_at` pushed
 * to `leaseUntil`), so an instance that dies mid-send leaves the delivery to be retried once the lease ends.
 */
export async function claimDueDeliveries(
  db: SqlExecutor,
  options: { now: Date; limit: number; leaseUntil: Date },
): Promise<ClaimedDelivery[]> {
  const { rows } = await db.query<ClaimRow>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d
       WHERE d.status = 'pending' AND d.next_attempt_at <= $1
         AND (d.ordering_key IS NULL OR NOT EXISTS (
           SELECT 1 FROM webhook_deliveries p
           WHERE p.endpoint_id = d.endpoint_id AND p.ordering_key = d.ordering_key AND p.status = 'pending' AND p.seq < d.seq))
       ORDER BY d.next_attempt_at, d.seq
       LIMIT $2
       FOR UPDATE OF d SKIP LOCKED
     )
     UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $3, last_attempt_at = $1
     FROM due, webhook_events e, webhook_endpoints w
     WHERE d.id = due.id AND e.id = d.event_id AND w.id = d.endpoint_id
     RETURNING d.id, d.site_id, d.event_id, d.endpoint_id, d.attempts, e.payload, w.url, w.secret, w.previous_secret,
               w.previous_secret_until`,
    [options.now, options.limit, options.leaseUntil],
  );
  return rows.map((row) => ({
    id: row.id,
    siteId: row.site_id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    attempt: Number(row.attempts),
    body: JSON.stringify(row.payload),
    url: row.url,
    secrets:
      row.previous_secret && row.previous_secret_until && row.previous_secret_until > options.now
        ? [row.secret, row.previous_secret]
        : [row.secret],
  }));
}

/** How an attempt ended, as the worker judged it. */
export interface AttemptOutcome {
  attemptedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  excerpt: string;
  error: string | null;
  /**
   * `succeeded`; `retry` at `retryAt`; `failed` (schedule used up: the endpoint is disabled too); `gone` (410: the
   * receiver asked to stop, the endpoint is disabled at once); `abandoned` (shutdown: retried at once elsewhere,
   * not counted as the endpoint's failure).
   */
  verdict: 'succeeded' | 'retry' | 'failed' | 'gone' | 'abandoned';
  retryAt?: Date;
}

/** Options of {@link recordAttempt}. */
export interface RecordAttemptOptions {
  /** An endpoint failing without a success for this long is disabled. */
  disableAfterMs: number;
  /** When the outcome is recorded. */
  now: Date;
}

/**
 * Records one attempt and its consequences in one transaction: the attempt row; the delivery's next step (done, or
 * the next try) unless another worker has claimed it again since (its lease ran out); the endpoint's failure run
 * (`failing_since` set by a failure, cleared by a success); and, when the endpoint has failed for
 * `disableAfterMs`, answered 410 or used up a delivery's schedule, disables it (see `disableWebhookEndpoint`).
 */
export async function recordAttempt(
  store: RapportStore,
  delivery: ClaimedDelivery,
  outcome: AttemptOutcome,
  options: RecordAttemptOptions,
): Promise<void> {
  const { now } = options;
  await store.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO webhook_attempts (id, site_id, delivery_id, endpoint_id, event_id, attempt, attempted_at, status_code,
                                     latency_ms, response_excerpt, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (delivery_id, attempt) DO NOTHING`,
      [
        newId('wha'),
        delivery.siteId,
        delivery.id,
        delivery.endpointId,
        delivery.eventId,
        delivery.attempt,
        outcome.attemptedAt,
        outcome.statusCode,
        Math.max(0, Math.round(outcome.latencyMs)),
        outcome.excerpt.slice(0, 2_000),
        outcome.error?.slice(0, 500) ?? null,
      ],
    );
    // The endpoint's row before the delivery's: every recording transaction locks in that order (no deadlock
    // with a disable that cancels this endpoint's other deliveries).
    let endpoint: { failing_since: Date | null; enabled: boolean } | undefined;
    if (outcome.verdict === 'succeeded') {
      await tx.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [delivery.endpointId]);
    } else if (outcome.verdict !== 'abandoned') {
      const { rows } = await tx.query<{ failing_since: Date; enabled: boolean }>(
        `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1 RETURNING failing_since, enabled`,
        [delivery.endpointId, outcome.attemptedAt],
      );
      endpoint = rows[0];
    }
    const finished = outcome.verdict === 'succeeded' ? 'succeeded' : outcome.verdict === 'retry' || outcome.verdict === 'abandoned' ? null : 'failed';
    const retryAt = outcome.verdict === 'abandoned' ? now : (outcome.retryAt ?? now);
    await tx.query(
      `UPDATE webhook_deliveries
       SET status = COALESCE($3, status), finished_at = CASE WHEN $3::text IS NULL THEN NULL ELSE $4::timestamptz END,
           next_attempt_at = CASE WHEN $3::text IS NULL THEN $5::timestamptz ELSE next_attempt_at END, last_status = $6
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [delivery.id, delivery.attempt, finished, now, retryAt, outcome.statusCode],
    );
    if (!endpoint?.enabled || !endpoint.failing_since) return;
    const failingTooLong = now.getTime() - endpoint.failing_since.getTime() >= options.disableAfterMs;
    if (failingTooLong || outcome.verdict === 'failed' || outcome.verdict === 'gone') {
      await disableWebhookEndpoint(tx, { endpointId: delivery.endpointId, reason: 'failing', now });
    }
  });
}
