import type { SqlExecutor } from '../store/Store.js';

/** Options of {@link foldChangeCounters}. */
export interface FoldChangeCountersOptions {
  /** A contact (or site) is folded once it has more rows than this. Default: 4. */
  threshold?: number;
  /** Most contacts (or sites) folded per statement; the job repeats until none is left. Default: 2000. */
  batchSize?: number;
}

const COUNTERS = [
  { table: 'contact_changes', key: 'contact_id' },
  { table: 'site_changes', key: 'site_id' },
] as const;

/**
 * Folds the change-counter rows of each busy contact and site (migration 13) into one row carrying their summed
 * weight, so reading a version stays one short index scan however much was written. A version (the sum) is the same
 * before and after, so no cached bootstrap is invalidated or, worse, revived. Rows of transactions still open are not
 * visible here and are left alone, to be counted when they commit. Answers how many rows went.
 */
export async function foldChangeCounters(db: SqlExecutor, options: FoldChangeCountersOptions = {}): Promise<number> {
  const threshold = options.threshold ?? 4;
  const batchSize = options.batchSize ?? 2000;
  let removed = 0;
  for (const { table, key } of COUNTERS) {
    for (;;) {
      const { rows } = await db.query<{ removed: number }>(
        `WITH busy AS (
           SELECT ${key} FROM ${table} GROUP BY ${key} HAVING count(*) > $1 LIMIT $2
         ), gone AS (
           DELETE FROM ${table} t USING busy WHERE t.${key} = busy.${key} RETURNING t.${key}, t.weight
         ), kept AS (
           INSERT INTO ${table} (${key}, weight) SELECT ${key}, sum(weight) FROM gone GROUP BY ${key} RETURNING 1
         )
         SELECT (SELECT count(*) FROM gone)::int - (SELECT count(*) FROM kept)::int AS removed`,
        [threshold, batchSize],
      );
      const batch = rows[0]?.removed ?? 0;
      removed += batch;
      if (batch === 0) break;
    }
  }
  return removed;
}
