import { RapportError } from '../errors/RapportError.js';
import { SCORE_RANGES, scoreBand } from '../schemas/constants.js';
import type { ValidationIssue } from '../schemas/error.js';
import type { ResponseSubmit, VisitorSurvey } from '../schemas/feedbackVisitor.js';

/** A visitor's answer to a survey, before the client gives it an id: the body of a response without `id`. */
export type FeedbackAnswer = Omit<ResponseSubmit, 'id' | 'answeredAt'>;

const MAX_PAGE_URL = 2000;

/**
 * The problems of `answer` for `survey` (empty when it can be sent): score in the kind's range (none for
 * `text`), a `text` survey answered, text within the survey's `textMaxLength`, a contact request only in the
 * negative band of a survey that allows it.
 *
 * Written without zod on purpose: an answer must be checked, stored and queued even when the network (and
 * with it the lazily loaded contract) is unreachable.
 */
export function answerIssues(survey: VisitorSurvey, answer: FeedbackAnswer): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (field: string, code: string, message: string) => issues.push({ path: [field], code, message });
  const { score, text, contactRequested, pageUrl } = answer;

  if (answer.surveyId !== survey.id) issue('surveyId', 'invalid_value', `Expected the answer to survey ${survey.id}`);
  if (survey.kind === 'text') {
    if (score !== null) issue('score', 'invalid_type', 'A text survey takes no score');
    if (typeof text !== 'string' || text.trim() === '') issue('text', 'too_small', 'Write an answer');
  } else {
    const { min, max } = SCORE_RANGES[survey.kind];
    if (typeof score !== 'number' || !Number.isInteger(score)) issue('score', 'invalid_type', 'Choose a score');
    else if (score < min) issue('score', 'too_small', `The score must be at least ${min}`);
    else if (score > max) issue('score', 'too_big', `The score must be at most ${max}`);
  }
  if (text !== undefined && text !== null) {
    if (typeof text !== 'string') issue('text', 'invalid_type', 'Expected text');
    else if (text.length > survey.textMaxLength) {
      issue('text', 'too_big', `At most ${survey.textMaxLength} characters`);
    }
  }
  if (contactRequested === true) {
    const band = typeof score === 'number' ? scoreBand(survey.kind, score) : null;
    if (!survey.allowContactRequest) issue('contactRequested', 'invalid_value', 'This survey takes no contact request');
    else if (band !== 'negative') issue('contactRequested', 'invalid_value', 'Only a low score may ask to be contacted');
  }
  if (typeof pageUrl === 'string' && pageUrl.length > MAX_PAGE_URL) {
    issue('pageUrl', 'too_big', `At most ${MAX_PAGE_URL} characters`);
  }
  return issues;
}

/** Throws a {@link RapportError} with code `validation` and the issues when `answer` does not fit `survey`. */
export function validateAnswer(survey: VisitorSurvey, answer: FeedbackAnswer): void {
  const issues = answerIssues(survey, answer);
  if (issues.length > 0) throw new RapportError('Invalid feedback answer', { code: 'validation', issues });
}
