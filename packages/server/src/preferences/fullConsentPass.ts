import type { SqlExecutor } from '../store/Store.js';
import { consentHashColumns } from './consentEventRow.js';
import { newWalkState, walkConsentEvents, type WalkPacing, type WalkRow, type WalkState } from './walkConsentEvents.js';

const FIRST_PAGE = `SELECT ${consentHashColumns()} FROM consent_events
  WHERE site_id = $1 ORDER BY contact_id, sequence LIMIT $2`;
// The site's equality and the row comparison on the next two columns are both index conditions on
// consent_events_site_idx (site_id, contact_id, sequence): each page starts where the last ended, one index descent
// and a short scan however deep into the log (EXPLAIN: "Index Cond: site_id = … AND ROW(contact_id, sequence) > …").
// Not `(site_id, contact_id, sequence) > (…)` beside `site_id = $1`: the planner then keeps only the equality to
// position the scan and filters every earlier event of the site again on each page.
const NEXT_PAGE = `SELECT ${consentHashColumns()} FROM consent_events
  WHERE site_id = $1 AND (contact_id, sequence) > ($3, $4) ORDER BY contact_id, sequence LIMIT $2`;

/**
 * Reads every consent event of a site in keyset pages of `pageSize` (by contact, then sequence) and verifies them
 * as one walk, carrying each chain's last hash across pages. Memory holds two pages at most: the one being hashed
 * and the next, already requested, so the database reads while this process hashes. Stops at the first break.
 */
export async function fullConsentPass(
  db: SqlExecutor,
  input: { siteId: string; pageSize: number; pacing: WalkPacing },
): Promise<WalkState> {
  const { siteId, pageSize, pacing } = input;
  const state = newWalkState();
  const read = (after: WalkRow | null): Promise<{ rows: WalkRow[] }> =>
    db.query<WalkRow>(after ? NEXT_PAGE : FIRST_PAGE, after ? [siteId, pageSize, after.contact_id, after.sequence] : [siteId, pageSize]);
  let next: Promise<{ rows: WalkRow[] }> | null = read(null);
  try {
    while (next) {
      const { rows }: { rows: WalkRow[] } = await next;
      const last = rows[rows.length - 1];
      next = rows.length === pageSize && last ? read(last) : null;
      await walkConsentEvents(rows, state, pacing);
      if (state.brokenAt) break;
      await pacing.yieldToLoop();
    }
  } finally {
    // A break leaves the next page in flight: let it settle (and swallow its error) rather than leak a rejection.
    await next?.catch(() => undefined);
  }
  return state;
}
