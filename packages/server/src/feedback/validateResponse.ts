import { SCORE_RANGES, scoreBand, type ResponseSubmit, type ScoreBand, type ValidationIssue } from '@rapport/core';
import { validationFailed } from '../http/ApiError.js';
import type { SurveyRow } from './surveyQueries.js';

/** How far in the future `answeredAt` may be, for clocks that run a little fast. */
export const ANSWERED_AT_SKEW_MS = 5 * 60_000;
/** How old `answeredAt` may be: answers kept offline longer than this are refused. */
export const ANSWERED_AT_MAX_AGE_MS = 30 * 86_400_000;

/** A response checked against its survey, ready to store. */
export interface ValidResponse {
  /** The score, in the kind's range; `null` for a text survey. */
  score: number | null;
  /** The score's band; `null` for a text survey. */
  band: ScoreBand | null;
  /** The trimmed text, `null` when blank. */
  text: string | null;
  /** Whether the visitor asked to be contacted. */
  contactRequested: boolean;
  /** When the visitor answered: `answeredAt` when given, otherwise the server's now. */
  answeredAt: Date;
}

function scoreIssues(survey: SurveyRow, score: number | null): ValidationIssue[] {
  if (survey.kind === 'text') {
    return score === null ? [] : [{ path: ['score'], message: 'A text survey takes no score; send null', code: 'invalid_value' }];
  }
  const { min, max } = SCORE_RANGES[survey.kind];
  if (score === null) return [{ path: ['score'], message: `A ${survey.kind} survey needs a score from ${min} to ${max}`, code: 'invalid_type' }];
  if (!Number.isInteger(score) || score < min || score > max) {
    return [{ path: ['score'], message: `Must be a whole number from ${min} to ${max}`, code: score < min ? 'too_small' : 'too_big' }];
  }
  return [];
}

/**
 * Checks a submission against its survey — score for the kind, text length, contact request, answer time —
 * and throws 422 `validation_failed` with one issue per problem. Text is trimmed; blank text is `null`.
 */
export function validateResponse(survey: SurveyRow, body: ResponseSubmit, now: Date): ValidResponse {
  const issues = scoreIssues(survey, body.score);
  const scoreValid = issues.length === 0;
  const trimmed = body.text?.trim() ?? '';
  const text = trimmed === '' ? null : trimmed;
  if (survey.kind === 'text' && text === null) {
    issues.push({ path: ['text'], message: 'A text survey needs an answer', code: 'too_small' });
  }
  if (text !== null && text.length > survey.text_max_length) {
    issues.push({ path: ['text'], message: `Must be at most ${survey.text_max_length} characters`, code: 'too_big' });
  }
  const band = scoreValid ? scoreBand(survey.kind, body.score) : null;
  const contactRequested = body.contactRequested ?? false;
  if (contactRequested && !survey.allow_contact_request) {
    issues.push({ path: ['contactRequested'], message: 'This survey does not take contact requests', code: 'invalid_value' });
  } else if (contactRequested && scoreValid && band !== 'negative') {
    issues.push({ path: ['contactRequested'], message: 'Only a score in the negative band can ask to be contacted', code: 'invalid_value' });
  }
  let answeredAt = now;
  if (body.answeredAt !== undefined) {
    answeredAt = new Date(body.answeredAt);
    if (answeredAt.getTime() > now.getTime() + ANSWERED_AT_SKEW_MS) {
      issues.push({ path: ['answeredAt'], message: 'Must not be in the future', code: 'too_big' });
    } else if (answeredAt.getTime() < now.getTime() - ANSWERED_AT_MAX_AGE_MS) {
      issues.push({ path: ['answeredAt'], message: 'Must be within the last 30 days', code: 'too_small' });
    }
  }
  if (issues.length > 0) throw validationFailed(issues, 'The response does not fit its survey');
  return { score: body.score, band, text, contactRequested, answeredAt };
}
