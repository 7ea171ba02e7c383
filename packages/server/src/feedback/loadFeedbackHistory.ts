import type { SqlExecutor } from '../store/Store.js';
import type { FeedbackHistory, SurveyActivity } from './evaluateEligibility.js';
import { visitorContactIdsSql } from './visitorContacts.js';

interface ActivityRow {
  survey_id: string;
  displays: number;
  responses: number;
  last_display_at: Date | null;
  last_dismiss_at: Date | null;
  last_response_at: Date | null;
}

/** A visitor's recorded displays, dismissals and responses, summed up per survey. */
export async function loadFeedbackHistory(db: SqlExecutor, siteId: string, contactId: string): Promise<FeedbackHistory> {
  const { rows } = await db.query<ActivityRow>(
    `WITH me AS (${visitorContactIdsSql('$1', '$2')})
     SELECT survey_id,
       count(*) FILTER (WHERE what = 'display')::int AS displays,
       count(*) FILTER (WHERE what = 'response')::int AS responses,
       max(at) FILTER (WHERE what = 'display') AS last_display_at,
       max(at) FILTER (WHERE what = 'dismiss') AS last_dismiss_at,
       max(at) FILTER (WHERE what = 'response') AS last_response_at
     FROM (
       SELECT survey_id, type AS what, occurred_at AS at FROM feedback_events
       WHERE site_id = $1 AND contact_id IN (SELECT id FROM me)
       UNION ALL
       SELECT survey_id, 'response', answered_at FROM feedback_responses
       WHERE site_id = $1 AND contact_id IN (SELECT id FROM me)
     ) activity
     GROUP BY survey_id`,
    [siteId, contactId],
  );
  const surveys = new Map<string, SurveyActivity>();
  let lastDisplayAt: Date | null = null;
  for (const row of rows) {
    surveys.set(row.survey_id, {
      displays: row.displays,
      responses: row.responses,
      lastDisplayAt: row.last_display_at,
      lastDismissAt: row.last_dismiss_at,
      lastResponseAt: row.last_response_at,
    });
    if (row.last_display_at && (!lastDisplayAt || row.last_display_at.getTime() > lastDisplayAt.getTime())) {
      lastDisplayAt = row.last_display_at;
    }
  }
  return { surveys, lastDisplayAt };
}
