import type { FeedbackResponseUpdate } from '@rapport/core';
import { ApiError } from '../http/ApiError.js';
import { firstTouch } from '../owners/firstTouch.js';
import { staffOr422, type StaffRecord } from '../owners/staffQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { holdResponseContact, saveResponseChanges, type ResponseChanges } from './replyQueries.js';
import { findResponse, type ResponseRow } from './responseQueries.js';

/** What an update changes; a new reply or a move to `resolved` is shown to the visitor again. */
function changesOf(row: ResponseRow, update: FeedbackResponseUpdate, now: Date): ResponseChanges {
  const status = update.status ?? row.status;
  const newReply = update.reply !== undefined && update.reply !== row.reply;
  const newlyResolved = status === 'resolved' && row.status !== 'resolved';
  const resurface = newReply || newlyResolved;
  return {
    status,
    newReply,
    resolvedAt: status !== 'resolved' ? null : newlyResolved ? now : row.resolved_at,
    reply: newReply ? (update.reply ?? null) : row.reply,
    repliedAt: newReply ? now : row.replied_at,
    replySeenAt: resurface ? null : row.reply_seen_at,
    replyAcknowledgedAt: resurface ? null : row.reply_acknowledged_at,
  };
}

/**
 * The business replies to a response and/or sets its status: 404 `not_found` without such a response, 422 for an
 * unknown `staffId`. A new reply naming a staff member is a first touch of the contact (see `firstTouch`).
 */
export async function updateResponse(
  tx: SqlExecutor,
  input: { siteId: string; responseId: string; update: FeedbackResponseUpdate; clock: () => Date },
): Promise<ResponseRow> {
  const { siteId, responseId, update } = input;
  const staff: StaffRecord | null = update.staffId !== undefined ? await staffOr422(tx, siteId, update.staffId, ['staffId']) : null;
  const touched = staff ? await holdResponseContact(tx, siteId, responseId) : null;
  const current = await findResponse(tx, siteId, responseId, true);
  if (!current) throw new ApiError(404, 'not_found', 'No response with this id');
  // Read once the response is held: of two replies, the one that waited is the later one.
  const changes = changesOf(current, update, input.clock());
  await saveResponseChanges(tx, { siteId, responseId: current.id, changes, staffId: staff?.id ?? null });
  if (staff && changes.newReply) {
    await firstTouch(tx, { siteId, contactId: touched ?? current.contact_id, staffId: staff.id, clock: input.clock });
  }
  const row = await findResponse(tx, siteId, current.id);
  if (!row) throw new Error('Response vanished inside its own transaction');
  return row;
}
