import { positiveInteger } from '../positiveInteger.js';
import type { SqlExecutor } from '../store/Store.js';
import { IDEMPOTENCY_RETENTION_SECONDS } from './withIdempotency.js';

/** Options of {@link pruneIdempotencyKeys}. */
export interface PruneIdempotencyKeysOptions {
  /** The current time. Required. */
  now: Date;
  /** Keys older than this many seconds go; match the retention writes use. Default: 86400 (24 h). */
  retentionSeconds?: number;
  /** Most rows deleted per statement, so a large backlog never holds long locks. Default: 5000. */
  batchSize?: number;
}

/**
 * Deletes the stored responses of Idempotency-Keys past their retention: `withIdempotency` no longer replays
 * them (a reuse runs as a new request), so keeping them only grows the table. Deletes in batches until none
 * is left and returns how many went. Loyalty ledger keys live in the ledger and are never pruned.
 */
export async function pruneIdempotencyKeys(db: SqlExecutor, options: PruneIdempotencyKeysOptions): Promise<number> {
  const retentionSeconds = options.retentionSeconds ?? IDEMPOTENCY_RETENTION_SECONDS;
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 5000);
  const cutoff = new Date(options.now.getTime() - retentionSeconds * 1000);
  let total = 0;
  for (;;) {
    // The age is checked again on the row itself: a key reused (and so renewed) while this waited for it stays.
    const { rows } = await db.query<{ key: string }>(
      `DELETE FROM idempotency_keys WHERE (site_id, scope, key) IN (
         SELECT site_id, scope, key FROM idempotency_keys WHERE created_at <= $1 LIMIT $2
       ) AND created_at <= $1 RETURNING key`,
      [cutoff, batchSize],
    );
    total += rows.length;
    if (rows.length < batchSize) return total;
  }
}
