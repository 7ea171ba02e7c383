import type { Contact, Traits, VisitorSession } from '@rapport/core';
import { newId } from '../crypto/random.js';
import { ApiError } from '../http/ApiError.js';
import type { KeysetPosition } from '../http/keysetCursor.js';
import type { SqlExecutor } from '../store/Store.js';

/** A contact row as selected by {@link CONTACT_COLUMNS}. */
export interface ContactRow {
  id: string;
  external_id: string | null;
  anonymous_id: string | null;
  traits: Traits;
  locale: string | null;
  time_zone: string | null;
  merged_into_id: string | null;
  created_at: Date;
  last_seen_at: Date;
}

/** Columns every contact query returns. */
export const CONTACT_COLUMNS =
  'id, external_id, anonymous_id, traits, locale, time_zone, merged_into_id, created_at, last_seen_at';

/** Most traits a contact keeps; claims that would go past it are not recorded. */
export const MAX_TRAITS = 50;

/** The admin view of a contact. */
export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    externalId: row.external_id,
    anonymous: row.external_id === null,
    traits: row.traits,
    locale: row.locale,
    timeZone: row.time_zone,
    mergedIntoId: row.merged_into_id,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
  };
}

/** The browser view of the visitor's own contact. */
export function toVisitorSession(row: ContactRow): VisitorSession {
  const name = row.traits.name;
  return {
    kind: row.external_id === null ? 'anonymous' : 'known',
    contactId: row.id,
    externalId: row.external_id,
    displayName: typeof name === 'string' ? name : null,
    locale: row.locale,
    timeZone: row.time_zone,
  };
}

/** A contact upsert as SQL text and its parameters (from `$1`), to run alone or as a `WITH` clause. */
export interface ContactUpsert {
  sql: string;
  params: unknown[];
}

/**
 * Creates or touches a known contact: merges `traits` in (unless that would pass {@link MAX_TRAITS}) and bumps
 * `last_seen_at`. One statement, so concurrent first visits of the same user make one contact; it locks the row until
 * the transaction ends.
 */
export function knownContactUpsert(input: { siteId: string; externalId: string; traits: Traits; now: Date }): ContactUpsert {
  return {
    sql: `INSERT INTO contacts AS c (id, site_id, external_id, traits, created_at, last_seen_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $5)
     ON CONFLICT (site_id, external_id) DO UPDATE SET
       traits = CASE
         WHEN (SELECT count(*) FROM jsonb_object_keys(c.traits || EXCLUDED.traits)) <= ${MAX_TRAITS}
         THEN c.traits || EXCLUDED.traits ELSE c.traits END,
       last_seen_at = EXCLUDED.last_seen_at
     RETURNING ${CONTACT_COLUMNS}`,
    params: [newId('ct'), input.siteId, input.externalId, JSON.stringify(input.traits), input.now],
  };
}

/** Finds or creates the contact of an anonymous id and bumps `last_seen_at` (one statement, locking the row). */
export function anonymousContactUpsert(input: { siteId: string; anonymousId: string; now: Date }): ContactUpsert {
  return {
    sql: `INSERT INTO contacts (id, site_id, anonymous_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (site_id, anonymous_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
     RETURNING ${CONTACT_COLUMNS}`,
    params: [newId('ct'), input.siteId, input.anonymousId, input.now],
  };
}

/** Runs {@link knownContactUpsert}: the known contact, created or touched. */
export async function upsertKnownContact(
  db: SqlExecutor,
  input: { siteId: string; externalId: string; traits: Traits; now: Date },
): Promise<ContactRow> {
  const { sql, params } = knownContactUpsert(input);
  const { rows } = await db.query<ContactRow>(sql, params);
  return rows[0] as ContactRow;
}

/** Runs {@link anonymousContactUpsert}: the anonymous contact, created or touched. */
export async function upsertAnonymousContact(
  db: SqlExecutor,
  input: { siteId: string; anonymousId: string; now: Date },
): Promise<ContactRow> {
  const { sql, params } = anonymousContactUpsert(input);
  const { rows } = await db.query<ContactRow>(sql, params);
  return rows[0] as ContactRow;
}

/**
 * Marks the anonymous contact as merged into `into` (once: a contact already merged stays where it is) and
 * carries its locale and time zone over where the known contact has none. Returns the known contact.
 */
export async function mergeAnonymousContact(
  db: SqlExecutor,
  input: { siteId: string; anonymousId: string; into: ContactRow },
): Promise<ContactRow> {
  const { rows } = await db.query<{ locale: string | null; time_zone: string | null }>(
    `UPDATE contacts SET merged_into_id = $3
     WHERE site_id = $1 AND anonymous_id = $2 AND external_id IS NULL AND merged_into_id IS NULL
     RETURNING locale, time_zone`,
    [input.siteId, input.anonymousId, input.into.id],
  );
  const merged = rows[0];
  if (!merged || (merged.locale === null && merged.time_zone === null)) return input.into;
  const updated = await db.query<ContactRow>(
    `UPDATE contacts SET locale = COALESCE(locale, $2), time_zone = COALESCE(time_zone, $3)
     WHERE id = $1 RETURNING ${CONTACT_COLUMNS}`,
    [input.into.id, merged.locale, merged.time_zone],
  );
  return updated.rows[0] ?? input.into;
}

/** Sets the fields of `changes` that are present (`null` clears) on one contact of one site. */
export async function updateContactSettings(
  db: SqlExecutor,
  input: { siteId: string; contactId: string; locale?: string | null; timeZone?: string | null },
): Promise<ContactRow | null> {
  const { rows } = await db.query<ContactRow>(
    `UPDATE contacts SET
       locale = CASE WHEN $3::boolean THEN $4::text ELSE locale END,
       time_zone = CASE WHEN $5::boolean THEN $6::text ELSE time_zone END
     WHERE site_id = $1 AND id = $2
     RETURNING ${CONTACT_COLUMNS}`,
    [
      input.siteId,
      input.contactId,
      input.locale !== undefined,
      input.locale ?? null,
      input.timeZone !== undefined,
      input.timeZone ?? null,
    ],
  );
  return rows[0] ?? null;
}

/** The known contact with this external id, optionally locked for update. */
export async function findContactByExternalId(
  db: SqlExecutor,
  siteId: string,
  externalId: string,
  lock = false,
): Promise<ContactRow | null> {
  const { rows } = await db.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE site_id = $1 AND external_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [siteId, externalId],
  );
  return rows[0] ?? null;
}

/** The known contact with this external id; 404 `not_found` when there is none. */
export async function contactOr404(db: SqlExecutor, siteId: string, externalId: string): Promise<ContactRow> {
  const row = await findContactByExternalId(db, siteId, externalId);
  if (!row) throw new ApiError(404, 'not_found', 'No contact with this external id');
  return row;
}

/** Up to `limit` contacts of a site, newest first (by creation), strictly after `after`. */
export async function listContacts(
  db: SqlExecutor,
  input: { siteId: string; limit: number; after: KeysetPosition | null },
): Promise<ContactRow[]> {
  const { rows } = await db.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts
     WHERE site_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::text))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [input.siteId, input.after?.at ?? null, input.after?.id ?? null, input.limit],
  );
  return rows;
}
