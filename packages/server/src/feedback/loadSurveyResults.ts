import type { SurveyResults } from '@rapport/core';
import { validationFailed } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { computeSurveyResults, startOfIsoWeek, weeksOf, type ScoreCount } from './computeSurveyResults.js';
import type { SurveyRow } from './surveyQueries.js';

/** Weeks the results cover when no `from` is given: this week and the 11 before it. */
export const DEFAULT_RESULT_WEEKS = 12;
/** Longest period results may cover, in weeks. */
export const MAX_RESULT_WEEKS = 260;

const WEEK_MS = 7 * 86_400_000;
const WEEK_SQL = `to_char(date_trunc('week', %s AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;

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

/** Results of one survey over `[from, to)`, from its display events and responses (by answer time). */
export async function loadSurveyResults(
  db: SqlExecutor,
  input: { siteId: string; survey: SurveyRow; from: Date; to: Date; weeks: string[] },
): Promise<SurveyResults> {
  const params = [input.siteId, input.survey.id, input.from, input.to];
  const displays = await db.query<{ week: string; n: number }>(
    `SELECT ${WEEK_SQL.replace('%s', 'occurred_at')} AS week, count(*)::int AS n FROM feedback_events
     WHERE site_id = $1 AND survey_id = $2 AND type = 'display' AND occurred_at >= $3 AND occurred_at < $4
     GROUP BY 1`,
    params,
  );
  const scores = await db.query<ScoreCount>(
    `SELECT ${WEEK_SQL.replace('%s', 'answered_at')} AS week, score, count(*)::int AS count FROM feedback_responses
     WHERE site_id = $1 AND survey_id = $2 AND answered_at >= $3 AND answered_at < $4
     GROUP BY 1, 2`,
    params,
  );
  return computeSurveyResults({
    surveyId: input.survey.id,
    kind: input.survey.kind,
    weeks: input.weeks,
    displays: new Map(displays.rows.map((row) => [row.week, row.n])),
    scores: scores.rows,
  });
}
