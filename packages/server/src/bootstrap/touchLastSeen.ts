import type { ContactRow } from '../contacts/contactQueries.js';
import type { SqlExecutor } from '../store/Store.js';

/** How fresh `last_seen_at` is kept: a returning visitor's bootstrap writes it at most once per this many ms. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * Records that the contact was seen at `now`, unless that was already recorded within the last minute: so a visitor
 * browsing page after page costs one small write a minute, not one per page (and no change counter moves: a
 * visitor sees nothing of `last_seen_at`). Concurrent calls write once; the others find it done.
 */
export async function touchLastSeen(db: SqlExecutor, contact: ContactRow, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
  if (contact.last_seen_at.getTime() > staleBefore.getTime()) return;
  await db.query('UPDATE contacts SET last_seen_at = $2 WHERE id = $1 AND last_seen_at <= $3', [contact.id, now, staleBefore]);
}
