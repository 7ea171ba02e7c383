import type { ContactUpsert, Traits } from '@rapport/core';
import { newId } from '../crypto/random.js';
import { validationFailed } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { CONTACT_COLUMNS, MAX_TRAITS, findContactByExternalId, type ContactRow } from './contactQueries.js';

/** Stored traits with `patch` merged in; a `null` in the patch removes that trait. */
export function mergeTraits(stored: Traits, patch: Traits): Traits {
  const merged: Traits = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/**
 * Creates or updates a known contact from the business's server, inside the caller's transaction: the row
 * is locked while its traits are merged, so concurrent upserts do not lose each other's traits.
 */
export async function upsertContactFromAdmin(
  tx: SqlExecutor,
  input: { siteId: string; externalId: string; changes: ContactUpsert; now: Date },
): Promise<{ row: ContactRow; created: boolean }> {
  const inserted = await tx.query(
    `INSERT INTO contacts (id, site_id, external_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (site_id, external_id) DO NOTHING RETURNING id`,
    [newId('ct'), input.siteId, input.externalId, input.now],
  );
  const current = await findContactByExternalId(tx, input.siteId, input.externalId, true);
  if (!current) throw new Error('Contact missing right after its upsert');
  const traits = mergeTraits(current.traits, input.changes.traits ?? {});
  if (Object.keys(traits).length > MAX_TRAITS) {
    throw validationFailed([
      { path: ['traits'], message: `A contact keeps at most ${MAX_TRAITS} traits; remove some with null`, code: 'too_big' },
    ]);
  }
  const { locale, timeZone } = input.changes;
  const { rows } = await tx.query<ContactRow>(
    `UPDATE contacts SET traits = $2::jsonb,
       locale = CASE WHEN $3::boolean THEN $4::text ELSE locale END,
       time_zone = CASE WHEN $5::boolean THEN $6::text ELSE time_zone END
     WHERE id = $1 RETURNING ${CONTACT_COLUMNS}`,
    [current.id, JSON.stringify(traits), locale !== undefined, locale ?? null, timeZone !== undefined, timeZone ?? null],
  );
  return { row: rows[0] as ContactRow, created: inserted.rows.length > 0 };
}
