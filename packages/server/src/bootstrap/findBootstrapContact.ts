import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import { CONTACT_COLUMNS, type ContactRow } from '../contacts/contactQueries.js';
import type { SqlExecutor } from '../store/Store.js';

/** What one read tells the bootstrap about its visitor, before anything is written. */
export interface BootstrapContactRead {
  contact: ContactRow;
  /** Sum of the site's change counters (migration 13): it only ever rises, with any write the bootstrap would see. */
  siteVersion: string;
  /** The same for the contact (and the anonymous contacts merged into it). */
  contactVersion: string;
  /**
   * The contact the anonymous id of `mergeFrom` was merged into: `null` when it was not merged, `undefined` when
   * there is no such anonymous contact (or no `mergeFrom`).
   */
  mergeFromTarget: string | null | undefined;
}

interface Row extends ContactRow {
  site_version: string;
  contact_version: string;
  merge_found: boolean;
  merge_target: string | null;
}

const VERSIONS = `(SELECT coalesce(sum(weight), 0)::text FROM site_changes WHERE site_id = $1) AS site_version,
       (SELECT coalesce(sum(weight), 0)::text FROM contact_changes WHERE contact_id = c.id) AS contact_version`;
const PREFIXED_COLUMNS = CONTACT_COLUMNS.split(', ').map((name) => `c.${name}`).join(', ');
const subjectColumn = (kind: VisitorIdentity['kind']) => (kind === 'known' ? 'external_id' : 'anonymous_id');

function toRead(row: Row): BootstrapContactRead {
  const { site_version, contact_version, merge_found, merge_target, ...contact } = row;
  return {
    contact,
    siteVersion: site_version,
    contactVersion: contact_version,
    mergeFromTarget: merge_found ? merge_target : undefined,
  };
}

/**
 * The contact of a verified visitor token with both change versions, in one statement and without a write or a
 * lock; `null` when the contact does not exist yet. The versions are read in the same snapshot as the row, so an
 * answer built after this read is at least as new as the versions it is cached under.
 */
export async function findBootstrapContact(
  db: SqlExecutor,
  input: { siteId: string; visitor: VisitorIdentity; mergeFrom: string | null },
): Promise<BootstrapContactRead | null> {
  const { rows } = await db.query<Row>(
    `SELECT ${PREFIXED_COLUMNS}, ${VERSIONS},
       m.id IS NOT NULL AS merge_found, m.merged_into_id AS merge_target
     FROM contacts c
     LEFT JOIN contacts m ON $3::text IS NOT NULL AND m.site_id = $1 AND m.anonymous_id = $3 AND m.external_id IS NULL
     WHERE c.site_id = $1 AND c.${subjectColumn(input.visitor.kind)} = $2`,
    [input.siteId, input.visitor.subject, input.mergeFrom],
  );
  return rows[0] ? toRead(rows[0]) : null;
}

/**
 * {@link findBootstrapContact} for many visitors of one kind on one site, without an anonymous id to merge, in one
 * statement (one snapshot): each found subject's read, by subject.
 */
export async function findBootstrapContacts(
  db: SqlExecutor,
  input: { siteId: string; kind: VisitorIdentity['kind']; subjects: readonly string[] },
): Promise<Map<string, BootstrapContactRead>> {
  const column = subjectColumn(input.kind);
  const { rows } = await db.query<Row & { subject: string }>(
    `SELECT c.${column} AS subject, ${PREFIXED_COLUMNS}, ${VERSIONS}, false AS merge_found, NULL AS merge_target
     FROM contacts c WHERE c.site_id = $1 AND c.${column} = ANY($2::text[])`,
    [input.siteId, input.subjects],
  );
  return new Map(rows.map(({ subject, ...row }) => [subject, toRead(row)]));
}
