import type { SqlExecutor } from '../store/Store.js';
import { claimOwner, setOwner } from './assignments.js';

/**
 * A visitor a staff member answered while anonymous (their reply made them the owner) keeps that owner when
 * they sign in and the anonymous contact merges into theirs: the signed-in contact gets the owner unless it
 * already has one, and the retired anonymous contact gives it up. Both moves are logged as `handover` by
 * `system`. Nobody is chosen here, so whether the owner is in right now does not matter.
 */
export async function carryOverOwner(
  tx: SqlExecutor,
  input: { siteId: string; anonymousId: string; into: string; now: Date },
): Promise<void> {
  const { rows } = await tx.query<{ contact_id: string; staff_id: string }>(
    `SELECT o.contact_id, o.staff_id FROM contact_owners o JOIN contacts c ON c.id = o.contact_id
     WHERE c.site_id = $1 AND c.anonymous_id = $2 AND c.merged_into_id = $3`,
    [input.siteId, input.anonymousId, input.into],
  );
  const previous = rows[0];
  if (!previous) return;
  const common = { siteId: input.siteId, method: 'handover' as const, by: 'system', now: input.now };
  await claimOwner(tx, { ...common, contactId: input.into, staffId: previous.staff_id, note: 'Owner before signing in' });
  await setOwner(tx, { ...common, contactId: previous.contact_id, staffId: null, note: 'Merged into a signed-in contact' });
}
