import {
  ErrorEnvelopeSchema,
  IdSchema,
  LoopReplySchema,
  PromptEventResultSchema,
  PromptEventSchema,
  ReplySeenSchema,
  ResponseSubmitSchema,
  VisitorResponseSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { resolveVisitorContact } from '../contacts/resolveVisitorContact.js';
import { recordPromptEvent } from '../feedback/recordPromptEvent.js';
import { markReplySeen } from '../feedback/replyQueries.js';
import { findResponse, toLoopReply, toVisitorResponse } from '../feedback/responseQueries.js';
import { submitResponse } from '../feedback/submitResponse.js';
import { emitReplySeen } from '../webhooks/emitFeedbackEvents.js';
import { ApiError } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['visitor', 'feedback'];
const NOT_FOUND = { description: 'No such survey (`not_found`)', schema: ErrorEnvelopeSchema };
const CONFLICT = {
  description: 'The survey is not open (`survey_closed`), or the id was used for something else (`idempotency_conflict`)',
  schema: ErrorEnvelopeSchema,
};

/** `POST /v1/visitor/feedback/events`: the prompt was shown or dismissed. */
export const promptEventRoute = defineRoute({
  auth: 'visitor',
  method: 'POST',
  path: API_PATHS.feedback.promptEvents,
  operationId: 'recordPromptEvent',
  summary: 'Record that a prompt was shown or dismissed',
  description:
    'A display from a `trigger` or `code` is refused (`accepted: false` with a reason: `not_sampled`, `responded`, ' +
    '`max_displays`, `cooldown`, `global_cooldown`) when sampling or the recontact rules say no, and is then not recorded. ' +
    'A display from the `tab` and a dismissal are always recorded. Idempotent by `id`.',
  tags: TAGS,
  body: PromptEventSchema,
  responses: {
    200: { description: 'Whether the prompt may show', schema: PromptEventResultSchema },
    404: NOT_FOUND,
    409: CONFLICT,
  },
  async handle(ctx) {
    const { site, visitor, body } = ctx;
    const result = await ctx.transaction((tx) => recordPromptEvent(tx, { siteId: site.id, visitor, event: body, clock: ctx.clock }));
    return { status: 200, body: result };
  },
});

/** `POST /v1/visitor/feedback/responses`: the visitor's answer, stored once per client id. */
export const submitResponseRoute = defineRoute({
  auth: 'visitor',
  method: 'POST',
  path: API_PATHS.feedback.visitorResponses,
  operationId: 'submitFeedbackResponse',
  summary: 'Submit an answer to a survey',
  description:
    'The client-generated `id` is the idempotency key: the same id and body again answers 200 with the stored ' +
    'response; the same id with another body is 409 `idempotency_conflict`. The score must fit the kind (none for ' +
    '`text`, which needs text), text at most the survey\'s `textMaxLength`, `contactRequested` only in the negative band ' +
    'of a survey that allows it, `answeredAt` within the last 30 days and not in the future.',
  tags: TAGS,
  body: ResponseSubmitSchema,
  responses: {
    200: { description: 'This response was already stored (a replay)', schema: VisitorResponseSchema },
    201: { description: 'The response was stored', schema: VisitorResponseSchema },
    404: NOT_FOUND,
    409: CONFLICT,
  },
  async handle(ctx) {
    const { site, visitor, body } = ctx;
    const { created, row } = await ctx.transaction((tx) => submitResponse(tx, { siteId: site.id, visitor, body, clock: ctx.clock }));
    return { status: created ? 201 : 200, body: toVisitorResponse(row) };
  },
});

/** `POST /v1/visitor/feedback/replies/{responseId}/seen`: the visitor saw (or acknowledged) a reply. */
export const replySeenRoute = defineRoute({
  auth: 'visitor',
  method: 'POST',
  path: API_PATHS.feedback.replySeen,
  operationId: 'markFeedbackReplySeen',
  summary: 'Mark a reply or resolution as seen',
  description:
    'Once seen, a reply is no longer listed in the bootstrap. `acknowledged: true` records that the visitor pressed ' +
    '"Got it". Only the visitor\'s own responses: any other id is 404.',
  tags: TAGS,
  params: z.strictObject({ responseId: IdSchema }),
  body: ReplySeenSchema,
  responses: {
    200: { description: 'The reply, now marked seen', schema: LoopReplySchema },
    404: { description: 'No reply to a response of this visitor (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { site, visitor, params, body } = ctx;
    const row = await ctx.transaction(async (tx) => {
      const contact = await resolveVisitorContact(tx, { siteId: site.id, visitor, now: ctx.clock() });
      // Read once the contact is held, so the mark kept (the first to commit) is also the earliest.
      const now = ctx.clock();
      const seen = await markReplySeen(tx, {
        siteId: site.id,
        responseId: params.responseId,
        contactId: contact.id,
        at: now,
        acknowledged: body.acknowledged,
      });
      if (!seen) return null;
      const found = await findResponse(tx, site.id, params.responseId);
      if (found && seen.firstSeen) await emitReplySeen(tx, { siteId: site.id, row: found });
      return found;
    });
    if (!row) throw new ApiError(404, 'not_found', 'No reply with this id for this visitor');
    return { status: 200, body: toLoopReply(row) };
  },
});
