import type { SurveyCreate, SurveyUpdate, ValidationIssue } from '@rapport/core';
import { validationFailed } from '../http/ApiError.js';
import type { SurveyFields } from './surveyQueries.js';

/** What a survey gets for each field `POST /v1/admin/surveys` leaves out. */
export const SURVEY_DEFAULTS: Omit<SurveyFields, 'name' | 'kind' | 'question'> = {
  status: 'draft',
  followUps: {},
  textMaxLength: 500,
  thankYou: 'Thank you for your feedback!',
  placement: 'inline',
  triggers: [],
  urlRules: [],
  samplePercent: 100,
  recontact: { cooldownDays: 90, maxDisplays: 3, stopAfterResponse: true },
  allowContactRequest: false,
  startsAt: null,
  endsAt: null,
};

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A new survey's fields: what was sent, and {@link SURVEY_DEFAULTS} for the rest. */
export function withSurveyDefaults(create: SurveyCreate): SurveyFields {
  return { ...SURVEY_DEFAULTS, ...defined(create) } as SurveyFields;
}

/** A survey's fields with an update applied (absent fields keep their value). */
export function applySurveyUpdate(current: SurveyFields, update: SurveyUpdate): SurveyFields {
  return { ...current, ...defined(update) };
}

/**
 * Checks what the schema cannot: every `regex` URL rule compiles, and the window ends after it starts.
 * Throws 422 `validation_failed` with an issue per problem.
 */
export function validateSurveyFields(fields: SurveyFields): void {
  const issues: ValidationIssue[] = [];
  fields.urlRules.forEach((rule, index) => {
    if (rule.match !== 'regex') return;
    try {
      new RegExp(rule.value);
    } catch {
      issues.push({ path: ['urlRules', index, 'value'], message: 'Not a valid regular expression', code: 'invalid_format' });
    }
  });
  if (fields.startsAt !== null && fields.endsAt !== null && Date.parse(fields.endsAt) <= Date.parse(fields.startsAt)) {
    issues.push({ path: ['endsAt'], message: 'Must be later than startsAt', code: 'too_small' });
  }
  if (issues.length > 0) throw validationFailed(issues);
}
