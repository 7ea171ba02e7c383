import { API_PREFIX, type FeedbackResponseUpdate } from '@rapport/core';
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
import {
  findResponse,
  listResponses,
  toFeedbackResponse,
  type ResponseFilters,
  type ResponseRow,
} from '../feedback/responseQueries.js';
import { ApiError, validationFailed } from '../http/ApiError.js';
import { defineAdminRoute } from '../http/defineRoute.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../http/keysetCursor.js';
import { firstTouch } from '../owners/firstTouch.js';
import { staffOr422, type StaffRecord } from '../owners/staffQueries.js';
import type { SqlExecutor } from '../store/Store.js';

const ResponsePathSchema = z.strictObject({ id: IdSchema });
const TAGS = ['admin', 'feedback'];
const DEFAULT_PAGE_SIZE = 20;

async function responsePage(
  db: SqlExecutor,
  input: { siteId: string; filters: ResponseFilters; limit?: string; cursor?: string },
) {
  const limit = input.limit ? Number(input.limit) : DEFAULT_PAGE_SIZE;
  const after = input.cursor !== undefined ? decodeKeysetCursor(input.cursor) : null;
  if (input.cursor !== undefined && !after) {
    throw validationFailed([{ path: ['query', 'cursor'], message: 'Not a cursor from this API', code: 'invalid_format' }]);
  }
  const rows = await listResponses(db, { siteId: input.siteId, filters: input.filters, limit: limit + 1, after });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toFeedbackResponse),
    nextCursor: rows.length > limit && last ? encodeKeysetCursor({ at: last.answered_at, id: last.id }) : null,
  };
}

/** `GET /v1/admin/feedback/responses`: responses matching the filters, newest answered first. */
export const listFeedbackResponsesRoute = defineAdminRoute({
  method: 'GET',
  path: `${API_PREFIX}/admin/feedback/responses`,
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
export const listContactRequestsRoute = defineAdminRoute({
  method: 'GET',
  path: `${API_PREFIX}/admin/feedback/contact-requests`,
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

/**
 * The contact a reply touches (the one the response's contact was merged into, if it was), with the response's
 * contact row share-locked until the transaction ends, or `null` when there is no such response. Taken before
 * the response's row, in the order a visitor's own writes take them (contact, then response): a sign-in merging
 * the contact meanwhile either finishes first (and the touch goes to the merged contact) or waits for the touch
 * (and carries its owner over).
 */
async function holdResponseContact(tx: SqlExecutor, siteId: string, responseId: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT COALESCE(c.merged_into_id, c.id) AS id FROM feedback_responses r JOIN contacts c ON c.id = r.contact_id
     WHERE r.site_id = $1 AND r.id = $2 FOR SHARE OF c`,
    [siteId, responseId],
  );
  return rows[0]?.id ?? null;
}

/** What an update changes; a new reply or a move to `resolved` is shown to the visitor again. */
function applyUpdate(row: ResponseRow, update: FeedbackResponseUpdate, now: Date) {
  const status = update.status ?? row.status;
  const newReply = update.reply !== undefined && update.reply !== row.reply;
  const newlyResolved = status === 'resolved' && row.status !== 'resolved';
  const resurface = newReply || newlyResolved;
  return {
    status,
    newReply,
    resolvedAt: status !== 'resolved' ? null : newlyResolved ? now : row.resolved_at,
    reply: newReply ? (update.reply ?? null) : row.reply,
    repliedAt: newReply ? now : row.replied_at,
    replySeenAt: resurface ? null : row.reply_seen_at,
    replyAcknowledgedAt: resurface ? null : row.reply_acknowledged_at,
  };
}

/** `PATCH /v1/admin/feedback/responses/{id}`: reply publicly and/or set the status. */
export const updateFeedbackResponseRoute = defineAdminRoute({
  method: 'PATCH',
  path: `${API_PREFIX}/admin/feedback/responses/{id}`,
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
    const row = await ctx.transaction(async (tx) => {
      const staff: StaffRecord | null = staffId !== undefined ? await staffOr422(tx, ctx.site.id, staffId, ['staffId']) : null;
      const touched = staff ? await holdResponseContact(tx, ctx.site.id, ctx.params.id) : null;
      const current = await findResponse(tx, ctx.site.id, ctx.params.id, true);
      if (!current) throw new ApiError(404, 'not_found', 'No response with this id');
      // Read once the response is held: of two replies, the one that waited is the later one.
      const next = applyUpdate(current, ctx.body, ctx.clock());
      await tx.query(
        `UPDATE feedback_responses SET status = $3, resolved_at = $4, reply = $5, replied_at = $6, reply_seen_at = $7,
           reply_acknowledged_at = $8,
           replied_by = CASE WHEN $9::boolean AND first_replied_at IS NULL THEN $10::text ELSE replied_by END,
           first_replied_at = CASE WHEN $9::boolean THEN COALESCE(first_replied_at, $6) ELSE first_replied_at END
         WHERE site_id = $1 AND id = $2`,
        [
          ctx.site.id,
          current.id,
          next.status,
          next.resolvedAt,
          next.reply,
          next.repliedAt,
          next.replySeenAt,
          next.replyAcknowledgedAt,
          next.newReply,
          staff?.id ?? null,
        ],
      );
      if (staff && next.newReply) {
        await firstTouch(tx, { siteId: ctx.site.id, contactId: touched ?? current.contact_id, staffId: staff.id, clock: ctx.clock });
      }
      return findResponse(tx, ctx.site.id, current.id);
    });
    if (!row) throw new Error('Response vanished inside its own transaction');
    return { status: 200, body: toFeedbackResponse(row) };
  },
});
