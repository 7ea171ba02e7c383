import type { FeedbackReplySeenEventData, FeedbackResponseEventData } from '@rapport/core';
import type { ResponseRow } from '../feedback/responseQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { emitOwnerContactRequested } from './emitOwnerEvents.js';
import { enqueueWebhookEvent } from './enqueueWebhookEvent.js';

/** The `data` of `feedback.response.created` (and `feedback.contact_requested`) from the stored response row. */
export function responseEventData(row: ResponseRow): FeedbackResponseEventData {
  return {
    responseId: row.id,
    surveyId: row.survey_id,
    surveyKind: row.kind,
    score: row.score,
    band: row.band,
    text: row.text,
    contactRequested: row.contact_requested,
    pageUrl: row.page_url,
    answeredAt: row.answered_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    contact: { id: row.contact_id, externalId: row.external_id },
  };
}

/**
 * A new response's events, in the transaction that stored it: `feedback.response.created`, and when the visitor
 * asked to be contacted, `feedback.contact_requested` and `owner.contact_requested` too. Call only for a response
 * just inserted (never for a replay).
 */
export async function emitResponseCreated(tx: SqlExecutor, input: { siteId: string; row: ResponseRow }): Promise<void> {
  const { siteId, row } = input;
  const data = responseEventData(row);
  const event = { siteId, contactId: row.contact_id, data, now: row.received_at };
  await enqueueWebhookEvent(tx, { ...event, type: 'feedback.response.created' });
  if (!row.contact_requested) return;
  await enqueueWebhookEvent(tx, { ...event, type: 'feedback.contact_requested' });
  await emitOwnerContactRequested(tx, { siteId, row });
}

/** `feedback.reply.seen`, when a visitor's first look at a reply (or resolution) was just recorded on `row`. */
export async function emitReplySeen(tx: SqlExecutor, input: { siteId: string; row: ResponseRow }): Promise<void> {
  const { row } = input;
  if (!row.reply_seen_at) return;
  const data: FeedbackReplySeenEventData = {
    responseId: row.id,
    surveyId: row.survey_id,
    seenAt: row.reply_seen_at.toISOString(),
    acknowledged: row.reply_acknowledged_at !== null,
    contact: { id: row.contact_id, externalId: row.external_id },
  };
  await enqueueWebhookEvent(tx, { siteId: input.siteId, type: 'feedback.reply.seen', contactId: row.contact_id, data, now: row.reply_seen_at });
}
