import type { WebhookAttempt, WebhookEventRecord } from '@rapport/core';
import { newId } from '../crypto/random.js';
import type { KeysetPosition } from '../http/keysetCursor.js';
import type { SqlExecutor } from '../store/Store.js';

/** Most events one bulk replay queues again (the oldest first from `since`); call again from the last one for more. */
export const MAX_REPLAY_EVENTS = 1_000;

interface EventRow {
  id: string;
  seq: string;
  type: string;
  contact_id: string | null;
  payload: WebhookEventRecord['payload'];
  created_at: Date;
}

/** An event row as the admin API shows it, with its keyset position (`seq` breaks ties of time). */
export function toWebhookEventRecord(row: EventRow): { record: WebhookEventRecord; position: KeysetPosition } {
  return {
    record: {
      id: row.id,
      type: row.type as WebhookEventRecord['type'],
      contactId: row.contact_id,
      payload: row.payload,
      createdAt: row.created_at.toISOString(),
    },
    position: { at: row.created_at, id: String(row.seq) },
  };
}

/** A page of the site's events, newest first, before `before`, optionally since a time and of one type. */
export async function listWebhookEvents(
  db: SqlExecutor,
  siteId: string,
  filter: { since: Date | null; type: string | null; before: KeysetPosition | null; limit: number },
): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT id, seq::text AS seq, type, contact_id, payload, created_at FROM webhook_events
     WHERE site_id = $1 AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::text IS NULL OR type = $3)
       AND ($4::timestamptz IS NULL OR (created_at, seq) < ($4::timestamptz, $5::bigint))
     ORDER BY created_at DESC, seq DESC LIMIT $6`,
    [siteId, filter.since, filter.type, filter.before?.at ?? null, filter.before?.id ?? '0', filter.limit],
  );
  return rows;
}

interface AttemptRow {
  id: string;
  seq: string;
  delivery_id: string;
  event_id: string;
  endpoint_id: string;
  attempt: number;
  attempted_at: Date;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string;
  error: string | null;
}

/** An attempt row as the admin API shows it, with its keyset position. */
export function toWebhookAttempt(row: AttemptRow): { attempt: WebhookAttempt; position: KeysetPosition } {
  return {
    attempt: {
      id: row.id,
      deliveryId: row.delivery_id,
      eventId: row.event_id,
      endpointId: row.endpoint_id,
      attempt: row.attempt,
      attemptedAt: row.attempted_at.toISOString(),
      statusCode: row.status_code,
      latencyMs: row.latency_ms,
      responseExcerpt: row.response_excerpt,
      error: row.error,
    },
    position: { at: row.attempted_at, id: row.seq },
  };
}

/** A page of an endpoint's attempts, newest first (by the order they were recorded), before `before`. */
export async function listWebhookAttempts(
  db: SqlExecutor,
  endpointId: string,
  page: { before: KeysetPosition | null; limit: number },
): Promise<AttemptRow[]> {
  const { rows } = await db.query<AttemptRow>(
    `SELECT id, seq::text AS seq, delivery_id, event_id, endpoint_id, attempt, attempted_at, status_code, latency_ms,
            response_excerpt, error
     FROM webhook_attempts WHERE endpoint_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint)
     ORDER BY seq DESC LIMIT $3`,
    [endpointId, page.before && /^\d{1,19}$/.test(page.before.id) ? page.before.id : null, page.limit],
  );
  return rows;
}

/**
 * Queues a `webhook.test` event for one endpoint only (subscribed to the type or not, enabled or not: a test is how
 * to see a disabled endpoint answer again). Resolves the event id.
 */
export async function enqueueTestEvent(tx: SqlExecutor, input: { siteId: string; endpointId: string; message: string; now: Date }): Promise<string> {
  const id = newId('msg');
  const payload = { type: 'webhook.test', timestamp: input.now.toISOString(), data: { endpointId: input.endpointId, message: input.message } };
  await tx.query(
    `WITH e AS (
       INSERT INTO webhook_events (id, site_id, type, contact_id, payload, created_at)
       VALUES ($1, $2, 'webhook.test', NULL, $4::jsonb, $5) RETURNING id
     )
     INSERT INTO webhook_deliveries (id, site_id, event_id, endpoint_id, next_attempt_at, created_at)
     SELECT $6, $2, e.id, $3, $5, $5 FROM e`,
    [id, input.siteId, input.endpointId, JSON.stringify(payload), input.now, newId('dlv')],
  );
  return id;
}

/** Which events a replay queues again, and for which endpoints. */
export interface ReplaySelection {
  siteId: string;
  /** One event, or every event at or after `since` (at most {@link MAX_REPLAY_EVENTS}, oldest first). */
  eventId?: string;
  since?: Date;
  types?: readonly string[];
  /**
   * One endpoint of the site (sent even if it is disabled or not subscribed: the business asked for it). Default:
   * every enabled endpoint subscribed to the event's type.
   */
  endpointId?: string;
  now: Date;
}

/**
 * Queues events again as new deliveries (`replay = true`) with their original id, so the receiver sees the same
 * `webhook-id`. A `webhook.test` event goes only to the endpoint it tested, and a `webhook.endpoint.disabled`
 * event never to the endpoint it is about. Resolves the events queued and the deliveries made.
 */
export async function replayWebhookEvents(tx: SqlExecutor, selection: ReplaySelection): Promise<{ eventIds: string[]; deliveries: number }> {
  const { rows } = await tx.query<{ event_id: string; deliveries: number }>(
    `WITH chosen AS (
       SELECT id, seq, type, contact_id, payload FROM webhook_events
       WHERE site_id = $1 AND ($2::text IS NULL OR id = $2) AND ($3::timestamptz IS NULL OR created_at >= $3)
         AND ($4::text[] IS NULL OR type = ANY ($4::text[]))
       ORDER BY created_at, seq LIMIT $7
     ), made AS (
       INSERT INTO webhook_deliveries (id, site_id, event_id, endpoint_id, ordering_key, replay, next_attempt_at, created_at)
       SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), $1, c.id, w.id, c.contact_id, true, $6, $6
       FROM chosen c JOIN webhook_endpoints w ON w.site_id = $1
       WHERE CASE WHEN $5::text IS NOT NULL THEN w.id = $5
                  WHEN c.type = 'webhook.test' THEN true
                  ELSE w.enabled AND (cardinality(w.event_types) = 0 OR c.type = ANY (w.event_types)) END
         AND (c.type <> 'webhook.test' OR c.payload->'data'->>'endpointId' = w.id)
         AND (c.type <> 'webhook.endpoint.disabled' OR c.payload->'data'->>'endpointId' IS DISTINCT FROM w.id)
       ORDER BY c.seq, w.id
       RETURNING event_id
     )
     SELECT c.id AS event_id, (SELECT count(*) FROM made m WHERE m.event_id = c.id)::int AS deliveries
     FROM chosen c ORDER BY c.seq`,
    [
      selection.siteId,
      selection.eventId ?? null,
      selection.since ?? null,
      selection.types ? [...selection.types] : null,
      selection.endpointId ?? null,
      selection.now,
      MAX_REPLAY_EVENTS,
    ],
  );
  return { eventIds: rows.map((row) => row.event_id), deliveries: rows.reduce((sum, row) => sum + row.deliveries, 0) };
}
