import type { SurveyResults } from '@rapport/core';
import { validationFailed } from '../http/ApiError.js';
import { RESPONSE_COUNT_COLUMNS } from '../store/migrations/0014_survey_result_aggregates.js';
import type { SqlExecutor } from '../store/Store.js';
import { computeSurveyResults, startOfIsoWeek, weeksOf, type ScoreCount } from './computeSurveyResults.js';
import { resultBuckets } from './resultBuckets.js';
import type { SurveyRow } from './surveyQueries.js';

/** Weeks the results cover when no `from` is given: this week and the 11 before it. */
export const DEFAULT_RESULT_WEEKS = 12;
/** Longest period results may cover, in weeks. */
export const MAX_RESULT_WEEKS = 260;

const WEEK_MS = 7 * 86_400_000;

/**
 * The period `[from, to)` of a results query: `to` defaults to now, `from` to the start of the ISO week
 * {@link DEFAULT_RESULT_WEEKS} − 1 weeks before `to`'s. 422 when `from` is not before `to` or the period is
 * longer than {@link MAX_RESULT_WEEKS} weeks.
 */
export function resolveResultsPeriod(query: { from?: string; to?: string }, now: Date): { from: Date; to: Date; weeks: string[] } {
  const to = query.to !== undefined ? new Date(query.to) : now;
  const from =
    query.from !== undefined
      ? new Date(query.from)
      : new Date(startOfIsoWeek(new Date(to.getTime() - 1)).getTime() - (DEFAULT_RESULT_WEEKS - 1) * WEEK_MS);
  if (from.getTime() >= to.getTime()) {
    throw validationFailed([{ path: ['query', 'from'], message: 'Must be earlier than to', code: 'too_big' }]);
  }
  const weeks = weeksOf(from, to);
  if (weeks.length > MAX_RESULT_WEEKS) {
    throw validationFailed([{ path: ['query', 'from'], message: `The period may cover at most ${MAX_RESULT_WEEKS} weeks`, code: 'too_small' }]);
  }
  return { from, to, weeks };
}

const survey = 'site_id = $1 AND survey_id = $2';
const week = (at: string) => `date_trunc('week', ${at} AT TIME ZONE 'UTC')`;

// $3…$10 are the bounds of resultBuckets: from, hoursFrom, daysFrom, weeksFrom, weeksTo, daysTo, hoursTo, to.
const COUNTER_PARTS = [
  ['week', '$6', '$7'],
  ['day', '$5', '$6'],
  ['day', '$7', '$8'],
  ['hour', '$4', '$5'],
  ['hour', '$8', '$9'],
] as const;
/** A counter table's rows of the period: whole weeks, and whole days and hours on either side of them. */
const counterRows = (table: string) =>
  COUNTER_PARTS.map(([span, from, to]) => `SELECT * FROM ${table} WHERE ${survey} AND span = '${span}' AND starts_at >= ${from} AND starts_at < ${to}`).join(
    ' UNION ALL ',
  );
/** The rows themselves in the minutes at either end that no counter covers. */
const edgeRows = (table: string, columns: string, at: string, where = '') =>
  [`${at} >= $3 AND ${at} < $4`, `${at} >= $9 AND ${at} < $10`]
    .map((range) => `SELECT ${columns} FROM ${table} WHERE ${survey}${where} AND ${range}`)
    .join(' UNION ALL ');

const RESPONSE_SUMS = RESPONSE_COUNT_COLUMNS.map(([column]) => `sum(${column}) AS ${column}`).join(', ');
const RESPONSE_UNPIVOT = RESPONSE_COUNT_COLUMNS.map(([column, score]) => `(${score === null ? 'NULL::integer' : score}, w.${column})`).join(', ');

/** Rows `(kind, week, score, n)`: counters summed by week first (a few dozen rows), then the edge rows. */
const RESULTS_SQL = `SELECT kind, to_char(week, 'YYYY-MM-DD') AS week, score, sum(n)::int AS count FROM (
    SELECT 'display' AS kind, ${week('starts_at')} AS week, NULL::integer AS score, sum(displays) AS n
      FROM (${counterRows('feedback_display_counts')}) c GROUP BY 2
    UNION ALL SELECT 'display', ${week('occurred_at')}, NULL::integer, count(*)
      FROM (${edgeRows('feedback_events', 'occurred_at', 'occurred_at', " AND type = 'display'")}) e GROUP BY 2
    UNION ALL SELECT 'response', w.week, s.score, s.n
      FROM (SELECT ${week('starts_at')} AS week, ${RESPONSE_SUMS} FROM (${counterRows('feedback_response_counts')}) c GROUP BY 1) w
      CROSS JOIN LATERAL (VALUES ${RESPONSE_UNPIVOT}) AS s (score, n) WHERE s.n > 0
    UNION ALL SELECT 'response', ${week('answered_at')}, score, count(*)
      FROM (${edgeRows('feedback_responses', 'answered_at, score', 'answered_at')}) r GROUP BY 2, 3
  ) counted
  GROUP BY kind, week, score`;

/**
 * Results of one survey over `[from, to)`, from its display events and responses (by answer time), in one statement
 * (one snapshot): whole weeks, days and hours from the counters the database keeps (migration 0014), and from the rows
 * only the minutes before the first and after the last whole hour, so the cost does not grow with the survey's size.
 */
export async function loadSurveyResults(
  db: SqlExecutor,
  input: { siteId: string; survey: SurveyRow; from: Date; to: Date; weeks: string[] },
): Promise<SurveyResults> {
  const b = resultBuckets(input.from, input.to);
  const { rows } = await db.query<ScoreCount & { kind: 'display' | 'response' }>(RESULTS_SQL, [
    input.siteId,
    input.survey.id,
    b.from,
    b.hoursFrom,
    b.daysFrom,
    b.weeksFrom,
    b.weeksTo,
    b.daysTo,
    b.hoursTo,
    b.to,
  ]);
  const displays = new Map<string, number>();
  const scores: ScoreCount[] = [];
  for (const { kind, week, score, count } of rows) {
    if (kind === 'display') displays.set(week, (displays.get(week) ?? 0) + count);
    else scores.push({ week, score, count });
  }
  return computeSurveyResults({ surveyId: input.survey.id, kind: input.survey.kind, weeks: input.weeks, displays, scores });
}
