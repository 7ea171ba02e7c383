import type { SqlExecutor } from '../store/Store.js';
import { claimOwner, findCurrentOwner, setOwner } from './assignments.js';
import { lockContactOwners, lockTeam } from './ownerLocks.js';

/**
 * A visitor a staff member answered while anonymous (their reply made them the owner) keeps that owner when
 * they sign in and the anonymous contact merges into theirs: the signed-in contact gets the owner unless it
 * already has one, and the retired anonymous contact gives it up. Both moves are logged as `handover` by
 * `system`. Nobody is chosen here, so whether the owner is in right now does not matter.
 *
 * Both contacts' owner locks are held before either owner is read (a touch or a hand-over may be moving one),
 * and the time is read after them.
 */
export async function carryOverOwner(
  tx: SqlExecutor,
  input: { siteId: string; anonymousId: string; into: string; clock: () => Date },
): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM contacts WHERE site_id = $1 AND anonymous_id = $2 AND merged_into_id = $3',
    [input.siteId, input.anonymousId, input.into],
  );
  const anonymous = rows[0];
  if (!anonymous) return;
  await lockTeam(tx, input.siteId, 'assign');
  await lockContactOwners(tx, [anonymous.id, input.into]);
  const previous = await findCurrentOwner(tx, anonymous.id, true);
  if (!previous) return;
  const common = { siteId: input.siteId, method: 'handover' as const, by: 'system', now: input.clock() };
  await claimOwner(tx, { ...common, contactId: input.into, staffId: previous.staff_id, note: 'Owner before signing in' });
  await setOwner(tx, { ...common, contactId: anonymous.id, staffId: null, note: 'Merged into a signed-in contact' });
}
