import type { SqlExecutor } from '../store/Store.js';
import { claimOwner, findCurrentOwner } from './assignments.js';
import { lockContactOwners, lockTeam } from './ownerLocks.js';
import { findStaff, isAvailableNow } from './staffQueries.js';

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
 * waiting for the next touch (or round-robin).
 *
 * Concurrent touches of one contact run one after another (team lock shared, then the contact's owner lock);
 * the owner, the staff member's availability and the time are read once both are held, so a touch that waited
 * sees the owner the one before it made, and is judged at the moment it decides.
 */
export async function firstTouch(
  tx: SqlExecutor,
  input: { siteId: string; contactId: string; staffId: string; clock: () => Date },
): Promise<TouchOutcome> {
  const { siteId, contactId } = input;
  await lockTeam(tx, siteId, 'assign');
  await lockContactOwners(tx, [contactId]);
  if (await findCurrentOwner(tx, contactId)) return { assigned: false, reason: 'already_owned' };
  const staff = await findStaff(tx, siteId, input.staffId);
  const now = input.clock();
  if (!staff || !isAvailableNow(staff, now)) return { assigned: false, reason: 'staff_unavailable' };
  const claimed = await claimOwner(tx, { siteId, contactId, staffId: staff.id, method: 'first_touch', by: staff.id, now });
  return claimed ? { assigned: true, reason: null } : { assigned: false, reason: 'already_owned' };
}
