import type { WebhookEventType } from '@rapport/core';
import { WEBHOOK_EVENT_SCHEMAS, WebhookEventSchema } from '@rapport/core/schemas';
import type { SqlExecutor } from '../store/Store.js';

/** One outbox row as tests read it, its payload checked against the contract. */
export interface OutboxEvent {
  id: string;
  type: WebhookEventType;
  contactId: string | null;
  payload: { type: WebhookEventType; timestamp: string; data: Record<string, unknown> };
}

/**
 * The site's webhook events (of `type`, when given), oldest first. Every payload is checked against the envelope and
 * its type's `data` schema: an invalid one throws.
 */
export async function readWebhookEvents(db: SqlExecutor, siteId: string, type?: WebhookEventType): Promise<OutboxEvent[]> {
  const { rows } = await db.query<{ id: string; type: WebhookEventType; contact_id: string | null; payload: OutboxEvent['payload'] }>(
    `SELECT id, type, contact_id, payload FROM webhook_events WHERE site_id = $1 AND ($2::text IS NULL OR type = $2) ORDER BY seq`,
    [siteId, type ?? null],
  );
  return rows.map((row) => {
    WebhookEventSchema.parse(row.payload);
    WEBHOOK_EVENT_SCHEMAS[row.type].parse(row.payload.data);
    if (row.payload.type !== row.type) throw new Error(`Event ${row.id} is stored as ${row.type} but its payload says ${row.payload.type}`);
    return { id: row.id, type: row.type, contactId: row.contact_id, payload: row.payload };
  });
}

/** How many events of each type the site has. */
export async function countWebhookEvents(db: SqlExecutor, siteId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of await readWebhookEvents(db, siteId)) counts[event.type] = (counts[event.type] ?? 0) + 1;
  return counts;
}
