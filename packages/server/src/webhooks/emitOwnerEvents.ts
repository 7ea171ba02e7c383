import type { AssignmentMethod, OwnerAssignedEventData, OwnerContactRequestedEventData } from '@rapport/core';
import type { ResponseRow } from '../feedback/responseQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { enqueueWebhookEvent } from './enqueueWebhookEvent.js';
import { webhookContact } from './webhookContact.js';

/** What changed in an assignment (see {@link emitOwnerAssigned}). */
export interface OwnerChange {
  siteId: string;
  contactId: string;
  /** The new owner; `null` when the contact was left without one. */
  ownerId: string | null;
  /** The owner before; `null` when it had none. */
  previousOwnerId: string | null;
  method: AssignmentMethod;
  /** A staff id, `admin` or `system`. */
  by: string;
  /** The assignment's time. */
  now: Date;
}

/** `owner.assigned`, in the assignment's transaction, when the contact's owner really changed. */
export async function emitOwnerAssigned(tx: SqlExecutor, change: OwnerChange): Promise<void> {
  if (change.ownerId === change.previousOwnerId) return;
  const data: OwnerAssignedEventData = {
    contact: await webhookContact(tx, change.contactId),
    ownerId: change.ownerId,
    previousOwnerId: change.previousOwnerId,
    how: change.method,
    by: change.by,
    assignedAt: change.now.toISOString(),
  };
  await enqueueWebhookEvent(tx, { siteId: change.siteId, type: 'owner.assigned', contactId: change.contactId, data, now: change.now });
}

/**
 * `owner.contact_requested` for a response just stored that asks to be contacted, naming the contact's owner then
 * (the owner of the contact it was merged into, if it was), or `null`.
 */
export async function emitOwnerContactRequested(tx: SqlExecutor, input: { siteId: string; row: ResponseRow }): Promise<void> {
  const { row } = input;
  const { rows } = await tx.query<{ staff_id: string | null }>(
    `SELECT o.staff_id FROM contacts c LEFT JOIN contact_owners o ON o.contact_id = COALESCE(c.merged_into_id, c.id) WHERE c.id = $1`,
    [row.contact_id],
  );
  const data: OwnerContactRequestedEventData = {
    contact: { id: row.contact_id, externalId: row.external_id },
    ownerId: rows[0]?.staff_id ?? null,
    responseId: row.id,
    surveyId: row.survey_id,
    requestedAt: row.received_at.toISOString(),
  };
  await enqueueWebhookEvent(tx, { siteId: input.siteId, type: 'owner.contact_requested', contactId: row.contact_id, data, now: row.received_at });
}
