import type { WebhookEventType } from '@rapport/core';
import { newId } from '../crypto/random.js';
import type { SqlExecutor } from '../store/Store.js';

/** What a change tells the business's systems: one event of the outbox (see {@link enqueueWebhookEvent}). */
export interface WebhookEventInput {
  siteId: string;
  /** One of the contract's event types (`WEBHOOK_EVENT_TYPES`). */
  type: WebhookEventType;
  /** The contact the event is about, if any: a contact's events reach each endpoint in the order they were written. */
  contactId: string | null;
  /** The event's `data`, matching the contract's schema for `type`. */
  data: Record<string, unknown>;
  /** When the change happened (the transaction's decision time). */
  now: Date;
}

/**
 * Writes a webhook event into the outbox inside the caller's transaction, with one pending delivery for each of the
 * site's enabled endpoints subscribed to its type, in the same statement. A change rolled back emits nothing; a
 * change committed is delivered at least once (the worker retries). Resolves the event id (`msg_…`, the
 * `webhook-id` every attempt carries).
 */
export async function enqueueWebhookEvent(tx: SqlExecutor, input: WebhookEventInput): Promise<string> {
  const id = newId('msg');
  const payload = { type: input.type, timestamp: input.now.toISOString(), data: input.data };
  await tx.query(
    `WITH e AS (
       INSERT INTO webhook_events (id, site_id, type, contact_id, payload, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id
     )
     INSERT INTO webhook_deliveries (id, site_id, event_id, endpoint_id, ordering_key, next_attempt_at, created_at)
     SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), $2, e.id, w.id, $4, $6, $6
     FROM e CROSS JOIN webhook_endpoints w
     WHERE w.site_id = $2 AND w.enabled AND (cardinality(w.event_types) = 0 OR $3 = ANY (w.event_types))`,
    [id, input.siteId, input.type, input.contactId, JSON.stringify(payload), input.now],
  );
  return id;
}
