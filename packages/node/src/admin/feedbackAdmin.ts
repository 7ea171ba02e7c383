import {
  FeedbackContactRequestQuerySchema,
  FeedbackResponsePageSchema,
  FeedbackResponseQuerySchema,
  FeedbackResponseSchema,
  FeedbackResponseUpdateSchema,
  FeedbackSettingsSchema,
  SurveyCreateSchema,
  SurveyListSchema,
  SurveyResultsQuerySchema,
  SurveyResultsSchema,
  SurveySchema,
  SurveyUpdateSchema,
} from '@rapport/core/schemas';
import type * as z from 'zod/mini';
import { operation, type MethodsFor, type AdminCallOptions, type AdminWriteOptions, type QueryInput } from './AdminOperation.js';
import type { AdminCall } from './createAdminCall.js';
import { paginate } from './paginate.js';

const SURVEYS = '/v1/admin/surveys';
const FEEDBACK = '/v1/admin/feedback';

/** The feedback operations, by SDK method name. */
export const feedbackOperations = {
  createSurvey: operation({ operationId: 'createSurvey', method: 'POST', path: SURVEYS, body: SurveyCreateSchema, response: SurveySchema, retry: 'key' }),
  listSurveys: operation({ operationId: 'listSurveys', method: 'GET', path: SURVEYS, response: SurveyListSchema, retry: 'read' }),
  getSurvey: operation({ operationId: 'getSurvey', method: 'GET', path: `${SURVEYS}/{id}`, response: SurveySchema, retry: 'read' }),
  updateSurvey: operation({ operationId: 'updateSurvey', method: 'PATCH', path: `${SURVEYS}/{id}`, body: SurveyUpdateSchema, response: SurveySchema, retry: 'key' }),
  getSurveyResults: operation({
    operationId: 'getSurveyResults',
    method: 'GET',
    path: `${SURVEYS}/{id}/results`,
    query: SurveyResultsQuerySchema,
    response: SurveyResultsSchema,
    retry: 'read',
  }),
  listResponses: operation({
    operationId: 'listFeedbackResponses',
    method: 'GET',
    path: `${FEEDBACK}/responses`,
    query: FeedbackResponseQuerySchema,
    response: FeedbackResponsePageSchema,
    retry: 'read',
  }),
  updateResponse: operation({
    operationId: 'updateFeedbackResponse',
    method: 'PATCH',
    path: `${FEEDBACK}/responses/{id}`,
    body: FeedbackResponseUpdateSchema,
    response: FeedbackResponseSchema,
    retry: 'key',
  }),
  listContactRequests: operation({
    operationId: 'listFeedbackContactRequests',
    method: 'GET',
    path: `${FEEDBACK}/contact-requests`,
    query: FeedbackContactRequestQuerySchema,
    response: FeedbackResponsePageSchema,
    retry: 'read',
  }),
  getSettings: operation({ operationId: 'getFeedbackSettings', method: 'GET', path: `${FEEDBACK}/settings`, response: FeedbackSettingsSchema, retry: 'read' }),
  putSettings: operation({
    operationId: 'putFeedbackSettings',
    method: 'PUT',
    path: `${FEEDBACK}/settings`,
    body: FeedbackSettingsSchema,
    response: FeedbackSettingsSchema,
    retry: 'key',
  }),
} as const;

/** Filters of `feedback.listResponses` and `feedback.responses`. */
export type FeedbackResponseQuery = QueryInput<typeof FeedbackResponseQuerySchema>;
/** Filters of `feedback.listContactRequests` and `feedback.contactRequests`. */
export type FeedbackContactRequestQuery = QueryInput<typeof FeedbackContactRequestQuerySchema>;

/** Surveys and their results (NPS, CSAT, …), the responses and your replies to them, feedback settings. */
export function createFeedbackAdmin(call: AdminCall) {
  const ops = feedbackOperations;
  return {
    /** Creates a survey (`POST /v1/admin/surveys`). */
    createSurvey: (survey: z.input<typeof SurveyCreateSchema>, options?: AdminWriteOptions) => call(ops.createSurvey, { body: survey }, options),
    /** Every survey of the site. */
    listSurveys: (options?: AdminCallOptions) => call(ops.listSurveys, {}, options),
    /** One survey. */
    getSurvey: (id: string, options?: AdminCallOptions) => call(ops.getSurvey, { params: { id } }, options),
    /** Changes a survey: the fields given change (`PATCH /v1/admin/surveys/{id}`). */
    updateSurvey: (id: string, changes: z.input<typeof SurveyUpdateSchema>, options?: AdminWriteOptions) =>
      call(ops.updateSurvey, { params: { id }, body: changes }, options),
    /** A survey's results over a period: the score (NPS for an `nps` survey), its bands and weekly trend. */
    getSurveyResults: (id: string, query: QueryInput<typeof SurveyResultsQuerySchema> = {}, options?: AdminCallOptions) =>
      call(ops.getSurveyResults, { params: { id }, query }, options),
    /** A page of responses, newest first, filtered. */
    listResponses: (query: FeedbackResponseQuery = {}, options?: AdminCallOptions) => call(ops.listResponses, { query }, options),
    /** Every response matching the filters, page after page. */
    responses: (query: Omit<FeedbackResponseQuery, 'cursor'> = {}, options?: AdminCallOptions) =>
      paginate((cursor) => call(ops.listResponses, { query: { ...query, cursor } }, options), (page) => page.items),
    /** Replies to a response (the visitor sees it in the widget) and/or changes its status. */
    updateResponse: (id: string, update: z.input<typeof FeedbackResponseUpdateSchema>, options?: AdminWriteOptions) =>
      call(ops.updateResponse, { params: { id }, body: update }, options),
    /** A page of open requests to be contacted, newest first. */
    listContactRequests: (query: FeedbackContactRequestQuery = {}, options?: AdminCallOptions) =>
      call(ops.listContactRequests, { query }, options),
    /** Every open request to be contacted, page after page. */
    contactRequests: (query: Omit<FeedbackContactRequestQuery, 'cursor'> = {}, options?: AdminCallOptions) =>
      paginate((cursor) => call(ops.listContactRequests, { query: { ...query, cursor } }, options), (page) => page.items),
    /** Site-wide feedback settings. */
    getSettings: (options?: AdminCallOptions) => call(ops.getSettings, {}, options),
    /** Replaces the site-wide feedback settings. */
    putSettings: (settings: z.input<typeof FeedbackSettingsSchema>, options?: AdminWriteOptions) => call(ops.putSettings, { body: settings }, options),
  } satisfies MethodsFor<typeof ops>;
}
