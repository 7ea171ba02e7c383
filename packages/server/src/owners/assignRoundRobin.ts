import type { SqlExecutor } from '../store/Store.js';
import { claimOwner, findCurrentOwner } from './assignments.js';
import { lockContactOwners, lockTeam } from './ownerLocks.js';
import { loadOwnerSettings } from './ownerSettings.js';
import { isAvailableNow, listStaff } from './staffQueries.js';

/**
 * The round-robin fallback: gives a contact without an owner to the active staff member who is in now and was
 * assigned a contact (by any method) least recently, ties by id. Does nothing unless the site turned
 * round-robin on, the contact has no owner, and someone is in: nobody away is ever assigned. Serialised per
 * site on the settings row, so concurrent new contacts are spread fairly, and per contact on its owner lock;
 * the time is read once both are held. Returns the staff id assigned, or `null`.
 */
export async function assignRoundRobin(tx: SqlExecutor, input: { siteId: string; contactId: string; clock: () => Date }): Promise<string | null> {
  const { siteId, contactId } = input;
  // Unlocked looks first: most visits find round-robin off or the contact owned, and take no lock.
  if (!(await loadOwnerSettings(tx, siteId)).roundRobin) return null;
  if (await findCurrentOwner(tx, contactId)) return null;
  await lockTeam(tx, siteId, 'assign');
  if (!(await loadOwnerSettings(tx, siteId, true)).roundRobin) return null;
  await lockContactOwners(tx, [contactId]);
  if (await findCurrentOwner(tx, contactId)) return null;
  const now = input.clock();

  const { rows } = await tx.query<{ staff_id: string; last_seq: string | null }>(
    `SELECT staff_id, max(seq)::text AS last_seq FROM owner_assignments WHERE site_id = $1 AND staff_id IS NOT NULL GROUP BY staff_id`,
    [siteId],
  );
  const lastAssigned = new Map(rows.map((row) => [row.staff_id, row.last_seq === null ? -1n : BigInt(row.last_seq)]));
  const candidates = (await listStaff(tx, siteId))
    .filter((staff) => isAvailableNow(staff, now))
    .sort((a, b) => {
      const left = lastAssigned.get(a.id) ?? -1n;
      const right = lastAssigned.get(b.id) ?? -1n;
      return left === right ? a.id.localeCompare(b.id) : left < right ? -1 : 1;
    });
  const chosen = candidates[0];
  if (!chosen) return null;
  const claimed = await claimOwner(tx, { siteId, contactId, staffId: chosen.id, method: 'round_robin', by: 'system', now });
  return claimed ? chosen.id : null;
}
