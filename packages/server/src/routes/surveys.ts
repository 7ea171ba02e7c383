import type { Survey } from '@rapport/core';
import {
  ErrorEnvelopeSchema,
  IdSchema,
  SurveyCreateSchema,
  SurveyListSchema,
  SurveyResultsQuerySchema,
  SurveyResultsSchema,
  SurveySchema,
  SurveyUpdateSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { newId } from '../crypto/random.js';
import { loadSurveyResults, resolveResultsPeriod } from '../feedback/loadSurveyResults.js';
import { findSurvey, insertSurvey, listSurveys, toSurvey, updateSurvey, type SurveyFields } from '../feedback/surveyQueries.js';
import { applySurveyUpdate, validateSurveyFields, withSurveyDefaults } from '../feedback/withSurveyDefaults.js';
import { ApiError } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import { API_PATHS } from './apiPaths.js';

const SurveyPathSchema = z.strictObject({ id: IdSchema });
const TAGS = ['admin', 'feedback'];

function surveyNotFound(): ApiError {
  return new ApiError(404, 'not_found', 'No survey with this id');
}

function fieldsOf(survey: Survey): SurveyFields {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = survey;
  return fields;
}

/** `POST /v1/admin/surveys`: define a survey. */
export const createSurveyRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.feedback.surveys,
  operationId: 'createSurvey',
  summary: 'Create a survey',
  description:
    'Omitted fields take their defaults: status `draft`, no follow-ups, textMaxLength 500, placement `inline`, ' +
    'no triggers or URL rules, samplePercent 100, recontact `{ cooldownDays: 90, maxDisplays: 3, stopAfterResponse: true }`, ' +
    'no contact requests, no window. Regex URL rules must compile; endsAt must be after startsAt.',
  tags: TAGS,
  body: SurveyCreateSchema,
  idempotent: true,
  responses: { 201: { description: 'The survey was created', schema: SurveySchema } },
  async handle(ctx) {
    const fields = withSurveyDefaults(ctx.body);
    validateSurveyFields(fields);
    const row = await insertSurvey(ctx.db, { id: newId('svy'), siteId: ctx.site.id, fields, now: ctx.now });
    if (!row) throw new Error('Survey insert returned nothing');
    return { status: 201, body: toSurvey(row) };
  },
});

/** `GET /v1/admin/surveys`: every survey of the site, newest first. */
export const listSurveysRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.feedback.surveys,
  operationId: 'listSurveys',
  summary: 'List surveys, newest first',
  tags: TAGS,
  responses: { 200: { description: 'Every survey of the site', schema: SurveyListSchema } },
  async handle(ctx) {
    const rows = await listSurveys(ctx.db, ctx.site.id);
    return { status: 200, body: { items: rows.map(toSurvey) } };
  },
});

/** `GET /v1/admin/surveys/{id}`: one survey. */
export const getSurveyRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.feedback.survey,
  operationId: 'getSurvey',
  summary: 'Get a survey',
  tags: TAGS,
  params: SurveyPathSchema,
  responses: { 200: { description: 'The survey', schema: SurveySchema } },
  async handle(ctx) {
    const row = await findSurvey(ctx.db, ctx.site.id, ctx.params.id);
    if (!row) throw surveyNotFound();
    return { status: 200, body: toSurvey(row) };
  },
});

/** `PATCH /v1/admin/surveys/{id}`: change any field but the kind. */
export const updateSurveyRoute = defineRoute({
  auth: 'admin',
  method: 'PATCH',
  path: API_PATHS.feedback.survey,
  operationId: 'updateSurvey',
  summary: 'Update a survey',
  description: 'Absent fields keep their value. The result is checked as a whole: regex URL rules must compile and endsAt must be after startsAt.',
  tags: TAGS,
  params: SurveyPathSchema,
  body: SurveyUpdateSchema,
  idempotent: true,
  responses: {
    200: { description: 'The updated survey', schema: SurveySchema },
    404: { description: 'No such survey (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const row = await ctx.transaction(async (tx) => {
      const current = await findSurvey(tx, ctx.site.id, ctx.params.id, true);
      if (!current) throw surveyNotFound();
      const fields = applySurveyUpdate(fieldsOf(toSurvey(current)), ctx.body);
      validateSurveyFields(fields);
      // Read once the survey is held: of two updates, the one that waited is stamped later.
      return updateSurvey(tx, { id: current.id, siteId: ctx.site.id, fields, now: ctx.clock() });
    });
    if (!row) throw surveyNotFound();
    return { status: 200, body: toSurvey(row) };
  },
});

/** `GET /v1/admin/surveys/{id}/results`: figures and weekly trend of one survey. */
export const surveyResultsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.feedback.surveyResults,
  operationId: 'getSurveyResults',
  summary: "A survey's results and weekly trend",
  description:
    'Over `[from, to)` (default: this ISO week and the 11 before it, weeks starting Monday UTC; at most 260 weeks). ' +
    'NPS = (promoters − detractors) / scored × 100; CSAT % = share of 4–5; CES = average; response rate = responses / displays. ' +
    'Responses count by when they were answered; every week of the period is listed, with zeros when empty.',
  tags: TAGS,
  params: SurveyPathSchema,
  query: SurveyResultsQuerySchema,
  responses: { 200: { description: 'The results', schema: SurveyResultsSchema } },
  async handle(ctx) {
    const survey = await findSurvey(ctx.db, ctx.site.id, ctx.params.id);
    if (!survey) throw surveyNotFound();
    const period = resolveResultsPeriod(ctx.query, ctx.now);
    return { status: 200, body: await loadSurveyResults(ctx.db, { siteId: ctx.site.id, survey, ...period }) };
  },
});
