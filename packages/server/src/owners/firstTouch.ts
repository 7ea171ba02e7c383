import type { SqlExecutor } from '../store/Store.js';
import { claimOwner, findCurrentOwner } from './assignments.js';
import { isAvailableNow, type StaffRecord } from './staffQueries.js';

/** Outcome of {@link firstTouch}. */
export interface TouchOutcome {
  /** True when this touch made the staff member the owner. */
  assigned: boolean;
  /** Why not, when not. */
  reason: 'already_owned' | 'staff_unavailable' | null;
}

/**
 * "First touch owns": the first staff member who replies to or serves a contact without an owner becomes its
 * owner (logged as `first_touch`, by that staff member). Later touches change nothing. A touch by someone who
 * is inactive or not in right now assigns nothing either, since nobody away is ever assigned; the contact keeps
 * waiting for the next touch (or round-robin). Safe under concurrency: the first committed claim wins.
 */
export async function firstTouch(
  tx: SqlExecutor,
  input: { siteId: string; contactId: string; staff: StaffRecord; now: Date },
): Promise<TouchOutcome> {
  const { siteId, contactId, staff, now } = input;
  if (await findCurrentOwner(tx, contactId)) return { assigned: false, reason: 'already_owned' };
  if (!isAvailableNow(staff, now)) return { assigned: false, reason: 'staff_unavailable' };
  const claimed = await claimOwner(tx, { siteId, contactId, staffId: staff.id, method: 'first_touch', by: staff.id, now });
  return claimed ? { assigned: true, reason: null } : { assigned: false, reason: 'already_owned' };
}
