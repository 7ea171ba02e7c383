import type { ResponseStatus } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';
import { visitorContactIdsSql } from './visitorContacts.js';

/**
 * The contact a reply touches (the one the response's contact was merged into, if it was), with the response's
 * contact row share-locked until the transaction ends, or `null` when there is no such response. Taken before
 * the response's row, in the order a visitor's own writes take them (contact, then response): a sign-in merging
 * the contact meanwhile either finishes first (and the touch goes to the merged contact) or waits for the touch
 * (and carries its owner over).
 */
export async function holdResponseContact(tx: SqlExecutor, siteId: string, responseId: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT COALESCE(c.merged_into_id, c.id) AS id FROM feedback_responses r JOIN contacts c ON c.id = r.contact_id
     WHERE r.site_id = $1 AND r.id = $2 FOR SHARE OF c`,
    [siteId, responseId],
  );
  return rows[0]?.id ?? null;
}

/** What the business's update of a response writes (see `updateResponse`). */
export interface ResponseChanges {
  status: ResponseStatus;
  /** The reply is new: the first one is recorded as `staffId`'s, with its time. */
  newReply: boolean;
  resolvedAt: Date | null;
  reply: string | null;
  repliedAt: Date | null;
  replySeenAt: Date | null;
  replyAcknowledgedAt: Date | null;
}

/** Writes an update of a response; a first reply is credited to `staffId` (when given) and timed. */
export async function saveResponseChanges(
  tx: SqlExecutor,
  input: { siteId: string; responseId: string; changes: ResponseChanges; staffId: string | null },
): Promise<void> {
  const { changes } = input;
  await tx.query(
    `UPDATE feedback_responses SET status = $3, resolved_at = $4, reply = $5, replied_at = $6, reply_seen_at = $7,
       reply_acknowledged_at = $8,
       replied_by = CASE WHEN $9::boolean AND first_replied_at IS NULL THEN $10::text ELSE replied_by END,
       first_replied_at = CASE WHEN $9::boolean THEN COALESCE(first_replied_at, $6) ELSE first_replied_at END
     WHERE site_id = $1 AND id = $2`,
    [
      input.siteId,
      input.responseId,
      changes.status,
      changes.resolvedAt,
      changes.reply,
      changes.repliedAt,
      changes.replySeenAt,
      changes.replyAcknowledgedAt,
      changes.newReply,
      input.staffId,
    ],
  );
}

/**
 * Marks the reply to (or resolution of) one of the visitor's own responses as seen at `at`, and as acknowledged
 * when asked; the first marks are kept. Answers `null` when the visitor has no replied or resolved response
 * with this id, otherwise whether this call was the first look (`firstSeen`: the reply was unseen until now). The
 * row is locked before it is read, so of two concurrent marks exactly one is the first.
 */
export async function markReplySeen(
  tx: SqlExecutor,
  input: { siteId: string; responseId: string; contactId: string; at: Date; acknowledged: boolean },
): Promise<{ firstSeen: boolean } | null> {
  const { rows } = await tx.query<{ first_seen: boolean }>(
    `WITH old AS (
       SELECT id, reply_seen_at FROM feedback_responses
       WHERE site_id = $1 AND id = $2 AND contact_id IN (${visitorContactIdsSql('$1', '$5')})
         AND (reply IS NOT NULL OR status = 'resolved')
       FOR UPDATE
     )
     UPDATE feedback_responses r SET reply_seen_at = COALESCE(r.reply_seen_at, $3),
       reply_acknowledged_at = CASE WHEN $4::boolean THEN COALESCE(r.reply_acknowledged_at, $3) ELSE r.reply_acknowledged_at END
     FROM old WHERE r.site_id = $1 AND r.id = old.id
     RETURNING old.reply_seen_at IS NULL AS first_seen`,
    [input.siteId, input.responseId, input.at, input.acknowledged, input.contactId],
  );
  return rows[0] ? { firstSeen: rows[0].first_seen } : null;
}
