import { ApiError } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { findSurvey, isSurveyOpen, type SurveyRow } from './surveyQueries.js';

/** The survey a visitor writes to: 404 `not_found` when the site has none with this id, 409 `survey_closed` when it is not open. */
export async function findOpenSurvey(db: SqlExecutor, siteId: string, surveyId: string, now: Date): Promise<SurveyRow> {
  return openSurvey(await findSurvey(db, siteId, surveyId), now);
}

/** `survey` when it exists and is open at `now`; otherwise the refusal {@link findOpenSurvey} describes. */
export function openSurvey(survey: SurveyRow | null, now: Date): SurveyRow {
  if (!survey) throw new ApiError(404, 'not_found', 'No survey with this id');
  if (!isSurveyOpen(survey, now)) {
    throw new ApiError(409, 'survey_closed', 'This survey is not open: it is a draft, closed, or outside its active window');
  }
  return survey;
}

/** 409 `idempotency_conflict`: a client id reused for something else. */
export function idempotencyConflict(what: string): ApiError {
  return new ApiError(
    409,
    'idempotency_conflict',
    `This id was already used for a different ${what}; generate a new id for a new ${what}`,
  );
}
