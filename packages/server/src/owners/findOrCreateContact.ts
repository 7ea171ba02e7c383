import { findContactByExternalId, type ContactRow } from '../contacts/contactQueries.js';
import { newId } from '../crypto/random.js';
import type { SqlExecutor } from '../store/Store.js';

/**
 * The known contact an owner route names, created (with no traits) when missing. Takes no lock on the contact's
 * row: assignments serialise on the contact's owner lock instead, and a row held `FOR UPDATE` while waiting for
 * that lock would block the holder's foreign-key check on the same row (a deadlock).
 */
export async function findOrCreateContact(tx: SqlExecutor, input: { siteId: string; externalId: string; now: Date }): Promise<ContactRow> {
  const existing = await findContactByExternalId(tx, input.siteId, input.externalId);
  if (existing) return existing;
  await tx.query(
    `INSERT INTO contacts (id, site_id, external_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (site_id, external_id) DO NOTHING`,
    [newId('ct'), input.siteId, input.externalId, input.now],
  );
  const created = await findContactByExternalId(tx, input.siteId, input.externalId);
  if (!created) throw new Error('Contact missing right after its insert');
  return created;
}
