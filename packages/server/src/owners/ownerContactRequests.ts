import type { OwnerContactRequestGroups } from '@rapport/core/schemas';
import { RESPONSE_COLUMNS, RESPONSE_FROM, toFeedbackResponse, type ResponseRow } from '../feedback/responseQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { listStaff } from './staffQueries.js';

/** Most open requests listed per owner (they are few: detractors who asked to be called back). */
export const MAX_OPEN_REQUESTS = 200;

// A request follows its visitor: an anonymous contact merged into a known one counts as the known one's.
const OWNER_JOIN = 'LEFT JOIN contact_owners o ON o.contact_id = COALESCE(c.merged_into_id, c.id)';
const OPEN = "r.site_id = $1 AND r.contact_requested AND r.status <> 'resolved'";

/** Open "contact me" requests of the contacts `staffId` owns, newest first. */
export async function listStaffContactRequests(db: SqlExecutor, siteId: string, staffId: string): Promise<ResponseRow[]> {
  const { rows } = await db.query<ResponseRow>(
    `SELECT ${RESPONSE_COLUMNS} FROM ${RESPONSE_FROM} ${OWNER_JOIN}
     WHERE ${OPEN} AND o.staff_id = $2 ORDER BY r.answered_at DESC, r.id DESC LIMIT ${MAX_OPEN_REQUESTS}`,
    [siteId, staffId],
  );
  return rows;
}

/**
 * Open "contact me" requests grouped by owner: one group per active staff member (empty ones too, by id), then
 * the group of contacts without an owner (`staffId` `null`), which someone should pick up.
 */
export async function groupContactRequestsByOwner(db: SqlExecutor, siteId: string): Promise<OwnerContactRequestGroups> {
  const { rows } = await db.query<ResponseRow & { owner_id: string | null }>(
    `SELECT ${RESPONSE_COLUMNS}, o.staff_id AS owner_id FROM ${RESPONSE_FROM} ${OWNER_JOIN}
     WHERE ${OPEN} ORDER BY r.answered_at DESC, r.id DESC LIMIT ${MAX_OPEN_REQUESTS * 5}`,
    [siteId],
  );
  const staff = await listStaff(db, siteId);
  const owners = staff.filter((member) => member.active || rows.some((row) => row.owner_id === member.id));
  const groups: OwnerContactRequestGroups['groups'] = owners.map((member) => ({
    staffId: member.id,
    displayName: member.displayName,
    items: rows.filter((row) => row.owner_id === member.id).slice(0, MAX_OPEN_REQUESTS).map(toFeedbackResponse),
  }));
  groups.push({
    staffId: null,
    displayName: null,
    items: rows.filter((row) => row.owner_id === null).slice(0, MAX_OPEN_REQUESTS).map(toFeedbackResponse),
  });
  return { groups };
}
