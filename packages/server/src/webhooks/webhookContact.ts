import type { WebhookContact } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';

/** The `contact` of a webhook event: the contact's id and the host app's external id (`null` while anonymous). */
export async function webhookContact(db: SqlExecutor, contactId: string): Promise<WebhookContact> {
  const { rows } = await db.query<{ external_id: string | null }>('SELECT external_id FROM contacts WHERE id = $1', [contactId]);
  return { id: contactId, externalId: rows[0]?.external_id ?? null };
}
