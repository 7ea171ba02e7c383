import { RESPONSE_COUNT_COLUMNS, RESULT_COUNT_SPANS, resultCountShard } from '../store/migrations/0014_survey_result_aggregates.js';
import type { SqlExecutor } from '../store/Store.js';

/** One counter that differs from a full recount of the rows it counts. */
export interface ResultCountDrift {
  /** Which counters: responses (per score) or display events. */
  counter: 'responses' | 'displays';
  surveyId: string;
  span: 'week' | 'day' | 'hour';
  startsAt: Date;
  /** The score for response counters (`null` for text answers); always `null` for displays. */
  score: number | null;
  shard: number;
  /** What the counter holds (0 when there is no counter row). */
  kept: number;
  /** What counting the rows gives. */
  recounted: number;
}

const SPANS = `(VALUES ${RESULT_COUNT_SPANS.map((span) => `('${span}')`).join(', ')}) AS span (name)`;
const bucket = (at: string) => `date_trunc(span.name, ${at} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;

const UNPIVOT = RESPONSE_COUNT_COLUMNS.map(([column, score]) => `(${score === null ? 'NULL::integer' : score}, c.${column})`).join(', ');

/** Counters vs a recount, as `(counter, survey_id, span, starts_at, score, shard, n)` rows of one side each. */
const KEPT = `SELECT 'responses' AS counter, c.survey_id, c.span, c.starts_at, s.score, c.shard, s.n
    FROM feedback_response_counts c CROSS JOIN LATERAL (VALUES ${UNPIVOT}) AS s (score, n) WHERE c.site_id = $1 AND s.n > 0
  UNION ALL SELECT 'displays', survey_id, span, starts_at, NULL::integer, shard, displays
    FROM feedback_display_counts WHERE site_id = $1 AND displays > 0`;
const RECOUNTED = `SELECT 'responses' AS counter, r.survey_id, span.name AS span, ${bucket('r.answered_at')} AS starts_at, r.score,
      ${resultCountShard('r.id')} AS shard, count(*)::integer AS n
    FROM feedback_responses r CROSS JOIN ${SPANS} WHERE r.site_id = $1 GROUP BY 2, 3, 4, 5, 6
  UNION ALL SELECT 'displays', e.survey_id, span.name, ${bucket('e.occurred_at')}, NULL::integer, ${resultCountShard('e.id')}, count(*)::integer
    FROM feedback_events e CROSS JOIN ${SPANS} WHERE e.site_id = $1 AND e.type = 'display' GROUP BY 2, 3, 4, 5, 6`;

/**
 * Every counter of a site's survey results (migration 0014) that does not hold what a full recount of its rows
 * gives, per shard; empty when they all agree. A full scan of the site's responses and display events: for tests
 * and for an operator checking a database by hand, never for a request.
 */
export async function resultCountDrift(db: SqlExecutor, siteId: string): Promise<ResultCountDrift[]> {
  const { rows } = await db.query<{
    counter: 'responses' | 'displays';
    survey_id: string;
    span: 'week' | 'day' | 'hour';
    starts_at: Date;
    score: number | null;
    shard: number;
    kept: number;
    recounted: number;
  }>(
    `WITH kept AS (${KEPT}), recounted AS (${RECOUNTED}),
       differing AS ((SELECT * FROM kept EXCEPT SELECT * FROM recounted) UNION (SELECT * FROM recounted EXCEPT SELECT * FROM kept))
     SELECT d.counter, d.survey_id, d.span, d.starts_at, d.score, d.shard,
       COALESCE((SELECT k.n FROM kept k WHERE (k.counter, k.survey_id, k.span, k.starts_at, k.shard) = (d.counter, d.survey_id, d.span, d.starts_at, d.shard)
         AND k.score IS NOT DISTINCT FROM d.score), 0) AS kept,
       COALESCE((SELECT r.n FROM recounted r WHERE (r.counter, r.survey_id, r.span, r.starts_at, r.shard) = (d.counter, d.survey_id, d.span, d.starts_at, d.shard)
         AND r.score IS NOT DISTINCT FROM d.score), 0) AS recounted
     FROM (SELECT DISTINCT counter, survey_id, span, starts_at, score, shard FROM differing) d
     ORDER BY 1, 2, 3, 4, 5, 6`,
    [siteId],
  );
  return rows.map((row) => ({
    counter: row.counter,
    surveyId: row.survey_id,
    span: row.span,
    startsAt: row.starts_at,
    score: row.score,
    shard: row.shard,
    kept: row.kept,
    recounted: row.recounted,
  }));
}
