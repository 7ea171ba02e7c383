import {
  ErrorEnvelopeSchema,
  FeedbackContactRequestQuerySchema,
  FeedbackResponsePageSchema,
  FeedbackResponseQuerySchema,
  FeedbackResponseSchema,
  FeedbackResponseUpdateSchema,
  IdSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { listResponses, toFeedbackResponse, type ResponseFilters } from '../feedback/responseQueries.js';
import { updateResponse } from '../feedback/updateResponse.js';
import { validationFailed } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import { cursorFromQuery, encodeKeysetCursor } from '../http/keysetCursor.js';
import type { SqlExecutor } from '../store/Store.js';
import { API_PATHS } from './apiPaths.js';

const ResponsePathSchema = z.strictObject({ id: IdSchema });
const TAGS = ['admin', 'feedback'];
const DEFAULT_PAGE_SIZE = 20;

async function responsePage(
  db: SqlExecutor,
  input: { siteId: string; filters: ResponseFilters; limit?: string; cursor?: string },
) {
  const limit = input.limit ? Number(input.limit) : DEFAULT_PAGE_SIZE;
  const after = cursorFromQuery(input.cursor);
  const rows = await listResponses(db, { siteId: input.siteId, filters: input.filters, limit: limit + 1, after });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toFeedbackResponse),
    nextCursor: rows.length > limit && last ? encodeKeysetCursor({ at: last.answered_at, id: last.id }) : null,
  };
}

/** `GET /v1/admin/feedback/responses`: responses matching the filters, newest answered first. */
export const listFeedbackResponsesRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.feedback.responses,
  operationId: 'listFeedbackResponses',
  summary: 'List feedback responses, newest first',
  description: '`from` and `to` filter on when the visitor answered. Pass `nextCursor` back as `cursor` for the next page.',
  tags: TAGS,
  query: FeedbackResponseQuerySchema,
  responses: { 200: { description: 'A page of responses', schema: FeedbackResponsePageSchema } },
  async handle(ctx) {
    const { surveyId, status, band, contactRequested, from, to, limit, cursor } = ctx.query;
    const filters: ResponseFilters = {
      ...(surveyId !== undefined ? { surveyId } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(band !== undefined ? { band } : {}),
      ...(contactRequested !== undefined ? { contactRequested: contactRequested === 'true' } : {}),
      ...(from !== undefined ? { from: new Date(from) } : {}),
      ...(to !== undefined ? { to: new Date(to) } : {}),
    };
    const page = await responsePage(ctx.db, { siteId: ctx.site.id, filters, ...(limit ? { limit } : {}), ...(cursor !== undefined ? { cursor } : {}) });
    return { status: 200, body: page };
  },
});

/** `GET /v1/admin/feedback/contact-requests`: visitors who asked to be contacted and are not resolved yet. */
export const listContactRequestsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.feedback.contactRequests,
  operationId: 'listFeedbackContactRequests',
  summary: 'List open requests to be contacted, newest first',
  description: 'Responses with `contactRequested` whose status is not `resolved`.',
  tags: TAGS,
  query: FeedbackContactRequestQuerySchema,
  responses: { 200: { description: 'A page of responses', schema: FeedbackResponsePageSchema } },
  async handle(ctx) {
    const { surveyId, limit, cursor } = ctx.query;
    const filters: ResponseFilters = { contactRequested: true, open: true, ...(surveyId !== undefined ? { surveyId } : {}) };
    const page = await responsePage(ctx.db, { siteId: ctx.site.id, filters, ...(limit ? { limit } : {}), ...(cursor !== undefined ? { cursor } : {}) });
    return { status: 200, body: page };
  },
});

/** `PATCH /v1/admin/feedback/responses/{id}`: reply publicly and/or set the status. */
export const updateFeedbackResponseRoute = defineRoute({
  auth: 'admin',
  method: 'PATCH',
  path: API_PATHS.feedback.response,
  operationId: 'updateFeedbackResponse',
  summary: 'Reply to a response or change its status',
  description:
    'A new reply, or moving the response to `resolved`, is shown to the visitor once on their next visit ' +
    '(it clears `replySeenAt`). Sending the reply already stored changes nothing. With `staffId` (only with a ' +
    '`reply`; an unknown staff member is 422), the first reply is recorded as theirs (a sample of their measured ' +
    'response time) and counts as a first touch: a contact without an owner gets them, if they are in.',
  tags: TAGS,
  params: ResponsePathSchema,
  body: FeedbackResponseUpdateSchema,
  idempotent: true,
  responses: {
    200: { description: 'The updated response', schema: FeedbackResponseSchema },
    404: { description: 'No such response (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { staffId } = ctx.body;
    if (staffId !== undefined && ctx.body.reply === undefined) {
      throw validationFailed([{ path: ['staffId'], message: 'Name the staff member only with a reply', code: 'custom' }]);
    }
    const row = await ctx.transaction((tx) =>
      updateResponse(tx, { siteId: ctx.site.id, responseId: ctx.params.id, update: ctx.body, clock: ctx.clock }),
    );
    return { status: 200, body: toFeedbackResponse(row) };
  },
});
