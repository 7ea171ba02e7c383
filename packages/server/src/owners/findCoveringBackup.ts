import type { Availability } from '@rapport/core/schemas';
import type { SqlExecutor } from '../store/Store.js';
import { computeAvailability } from './computeAvailability.js';
import { findStaff, scheduleOf, type StaffRecord } from './staffQueries.js';

/** How many backups {@link findCoveringBackup} looks at, at most: the backup, their backup, … five deep. */
export const MAX_BACKUP_HOPS = 5;

/** A staff member looked at in a backup chain, with their availability at the time asked. */
export interface ChainLink {
  staff: StaffRecord;
  availability: Availability;
}

/** What {@link findCoveringBackup} found. */
export interface BackupSearch {
  /** The first active backup in the chain who is in now; `null` when nobody is (the team covers). */
  cover: ChainLink | null;
  /** Every active staff member looked at, the cover last: when any of them comes or goes, the answer may change. */
  looked: ChainLink[];
}

/**
 * Follows a staff member's backup chain (their backup, that person's backup, …) to the first person who is
 * active and in at `now`. Someone inactive or away is passed over to their own backup. The walk stops after
 * {@link MAX_BACKUP_HOPS} backups, at a backup that no longer exists, and where the chain loops back to
 * someone already looked at (`start` included), so a cycle of people who are all away ends with the team.
 */
export async function findCoveringBackup(db: SqlExecutor, siteId: string, start: StaffRecord, now: Date): Promise<BackupSearch> {
  const seen = new Set([start.id]);
  const looked: ChainLink[] = [];
  let next = start.backupStaffId;
  for (let hop = 0; hop < MAX_BACKUP_HOPS && next !== null && !seen.has(next); hop += 1) {
    seen.add(next);
    const staff = await findStaff(db, siteId, next);
    if (!staff) break;
    next = staff.backupStaffId;
    if (!staff.active) continue;
    const link = { staff, availability: computeAvailability(scheduleOf(staff), now) };
    looked.push(link);
    if (link.availability.state === 'available') return { cover: link, looked };
  }
  return { cover: null, looked };
}
