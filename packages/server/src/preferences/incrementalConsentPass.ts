import type { SqlExecutor } from '../store/Store.js';
import { consentHashColumns } from './consentEventRow.js';
import { newWalkState, walkConsentEvents, type WalkPacing, type WalkRow, type WalkState } from './walkConsentEvents.js';

/** Chains per page of an incremental pass. */
const CHAINS_PER_PAGE = 500;

// Events the checkpoint's snapshot does not see: written by a transaction that started after it (xid >= its xmax) or
// was running when it was taken (its xip list). Both are index conditions on consent_events_written_idx
// (site_id, written_xid), however old the oldest transaction of the cluster (the snapshot's xmin) is; materialised
// so the planner cannot trade them for a walk of the whole site in contact order.
const CHAIN_STARTS = `WITH since AS MATERIALIZED (
    SELECT contact_id, sequence FROM consent_events WHERE site_id = $1 AND written_xid >= $2::xid8
    UNION ALL
    SELECT contact_id, sequence FROM consent_events WHERE site_id = $1 AND written_xid = ANY ($3::xid8[])
  )
  SELECT contact_id, min(sequence)::int AS from_sequence, count(*)::int AS events
  FROM since GROUP BY contact_id ORDER BY contact_id LIMIT $4`;

/** The xmax and in-progress ids of a `pg_snapshot` text (`xmin:xmax:xip,…`). */
function snapshotParts(snapshot: string): { xmax: string; xip: string[] } {
  const [, xmax = '0', xip = ''] = snapshot.split(':');
  return { xmax, xip: xip === '' ? [] : xip.split(',') };
}

// Each touched chain from its first new event to its end (the chain's unique index on (contact_id, sequence)), with
// the stored hash of the event before it on that first row only: the verified hash the chain continues from.
const CHAIN_PAGE = `SELECT ${consentHashColumns('e.')}, a.hash AS anchor_hash
  FROM unnest($2::text[], $3::int[]) AS c (contact_id, from_sequence)
  JOIN consent_events e ON e.contact_id = c.contact_id AND e.sequence >= c.from_sequence AND e.site_id = $1
  LEFT JOIN consent_events a ON e.sequence = c.from_sequence AND a.contact_id = c.contact_id AND a.sequence = c.from_sequence - 1
  ORDER BY e.contact_id, e.sequence`;

/**
 * Verifies only the events a checkpoint's snapshot did not see: every chain they touch, from its first new event to
 * its end, continuing from the stored hash of the event before (which the checkpointed pass verified). Resolves
 * `null` without reading an event when more than `limit` events (or chains) came since: then a full pass, which
 * streams in constant memory, is the cheaper way.
 *
 * Why the events before are trustworthy: an event the snapshot sees was committed before it was taken, and so was
 * every earlier event of its chain (appends to a chain are serialised by its lock and unique index), so the
 * checkpointed pass read them all. Rewriting or removing one of them invalidates the checkpoint (a trigger).
 */
export async function incrementalConsentPass(
  db: SqlExecutor,
  input: { siteId: string; snapshot: string; limit: number; pacing: WalkPacing },
): Promise<WalkState | null> {
  const { siteId, snapshot, limit, pacing } = input;
  const { xmax, xip } = snapshotParts(snapshot);
  const { rows: starts } = await db.query<{ contact_id: string; from_sequence: number; events: number }>(CHAIN_STARTS, [
    siteId,
    xmax,
    xip,
    limit + 1,
  ]);
  if (starts.length > limit || starts.reduce((sum, start) => sum + start.events, 0) > limit) return null;
  const state = newWalkState();
  for (let from = 0; from < starts.length && !state.brokenAt; from += CHAINS_PER_PAGE) {
    const chains = starts.slice(from, from + CHAINS_PER_PAGE);
    const { rows } = await db.query<WalkRow>(CHAIN_PAGE, [
      siteId,
      chains.map((chain) => chain.contact_id),
      chains.map((chain) => chain.from_sequence),
    ]);
    await walkConsentEvents(rows, state, pacing);
    await pacing.yieldToLoop();
  }
  return state;
}
