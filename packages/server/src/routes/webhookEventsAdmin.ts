import {
  ErrorEnvelopeSchema,
  IdSchema,
  WebhookAttemptPageSchema,
  WebhookEventListQuerySchema,
  WebhookEventPageSchema,
  WebhookEventReplaySchema,
  WebhookQueuedSchema,
  WebhookReplaySchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { ApiError, validationFailed } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import { cursorFromQuery, encodeKeysetCursor } from '../http/keysetCursor.js';
import {
  enqueueTestEvent,
  listWebhookAttempts,
  listWebhookEvents,
  MAX_REPLAY_EVENTS,
  replayWebhookEvents,
  toWebhookAttempt,
  toWebhookEventRecord,
} from '../webhooks/webhookEventQueries.js';
import { webhookEndpointOr404 } from '../webhooks/webhookQueries.js';
import { API_PATHS } from './apiPaths.js';
import { ENDPOINT_NOT_FOUND, WebhookEndpointPathSchema } from './webhooksAdmin.js';

const TAGS = ['admin', 'webhooks'];
const DEFAULT_PAGE_SIZE = 50;
const AttemptQuerySchema = z.strictObject({
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9][0-9]|100)$/, 'A whole number from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});
const TEST_MESSAGE = 'A test event from Rapport: your endpoint receives and verifies webhooks.';

/** The page size of a `limit` query parameter (1–100), or the default. */
function pageSize(limit: string | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  const size = Number(limit);
  if (size < 1 || size > 100) throw validationFailed([{ path: ['query', 'limit'], message: 'A whole number from 1 to 100', code: 'too_big' }]);
  return size;
}

/** `POST /v1/admin/webhooks/endpoints/{endpointId}/test`. */
export const sendWebhookTestRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.webhooks.test,
  operationId: 'sendWebhookTest',
  summary: 'Send a `webhook.test` event to one endpoint',
  description:
    'Queued at once and sent within about a second, to this endpoint only (even when it is disabled or not subscribed ' +
    'to `webhook.test`: a test is how to see it answer again before re-enabling it). Its attempts are listed as usual.',
  tags: TAGS,
  params: WebhookEndpointPathSchema,
  idempotent: true,
  responses: { 202: { description: 'Queued', schema: WebhookQueuedSchema }, 404: ENDPOINT_NOT_FOUND },
  async handle(ctx) {
    const { site, params } = ctx;
    const eventId = await ctx.transaction(async (tx) => {
      await webhookEndpointOr404(tx, site.id, params.endpointId);
      return enqueueTestEvent(tx, { siteId: site.id, endpointId: params.endpointId, message: TEST_MESSAGE, now: ctx.clock() });
    });
    return { status: 202, body: { eventIds: [eventId], deliveries: 1 } };
  },
});

/** `GET /v1/admin/webhooks/endpoints/{endpointId}/attempts`. */
export const listWebhookAttemptsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.webhooks.attempts,
  operationId: 'listWebhookAttempts',
  summary: 'An endpoint’s delivery attempts, newest first, a page at a time',
  description: 'Each with its HTTP status (or why none came), latency and the first 1,000 characters of the answer.',
  tags: TAGS,
  params: WebhookEndpointPathSchema,
  query: AttemptQuerySchema,
  responses: { 200: { description: 'A page of attempts', schema: WebhookAttemptPageSchema }, 404: ENDPOINT_NOT_FOUND },
  async handle(ctx) {
    const endpoint = await webhookEndpointOr404(ctx.db, ctx.site.id, ctx.params.endpointId);
    const limit = pageSize(ctx.query.limit);
    const rows = await listWebhookAttempts(ctx.db, endpoint.id, { before: cursorFromQuery(ctx.query.cursor), limit: limit + 1 });
    const page = rows.slice(0, limit).map(toWebhookAttempt);
    const last = page[page.length - 1];
    return {
      status: 200,
      body: { items: page.map((item) => item.attempt), nextCursor: rows.length > limit && last ? encodeKeysetCursor(last.position) : null },
    };
  },
});

/** `GET /v1/admin/webhooks/events`. */
export const listWebhookEventsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.webhooks.events,
  operationId: 'listWebhookEvents',
  summary: 'The site’s webhook events (the outbox), newest first, a page at a time',
  description: '`since` keeps events written at or after a time, `type` one type. Each carries the exact body every attempt sends.',
  tags: TAGS,
  query: WebhookEventListQuerySchema,
  responses: { 200: { description: 'A page of events', schema: WebhookEventPageSchema } },
  async handle(ctx) {
    const { query } = ctx;
    const limit = pageSize(query.limit);
    const rows = await listWebhookEvents(ctx.db, ctx.site.id, {
      since: query.since ? new Date(query.since) : null,
      type: query.type ?? null,
      before: cursorFromQuery(query.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit).map(toWebhookEventRecord);
    const last = page[page.length - 1];
    return {
      status: 200,
      body: { items: page.map((item) => item.record), nextCursor: rows.length > limit && last ? encodeKeysetCursor(last.position) : null },
    };
  },
});

/** `POST /v1/admin/webhooks/events/{eventId}/replay`. */
export const replayWebhookEventRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.webhooks.replayEvent,
  operationId: 'replayWebhookEvent',
  summary: 'Send one event again',
  description:
    'New deliveries with the same event id (the same `webhook-id`: receivers that deduplicate see a repeat), to one ' +
    'endpoint of the site (even disabled) or to every enabled endpoint subscribed to its type.',
  tags: TAGS,
  params: z.strictObject({ eventId: IdSchema }),
  body: WebhookEventReplaySchema,
  idempotent: true,
  responses: {
    202: { description: 'Queued', schema: WebhookQueuedSchema },
    404: { description: 'No such event or endpoint on this site (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { site, params, body } = ctx;
    const queued = await ctx.transaction(async (tx) => {
      if (body.endpointId !== undefined) await webhookEndpointOr404(tx, site.id, body.endpointId);
      const result = await replayWebhookEvents(tx, {
        siteId: site.id,
        eventId: params.eventId,
        ...(body.endpointId === undefined ? {} : { endpointId: body.endpointId }),
        now: ctx.clock(),
      });
      if (result.eventIds.length === 0) throw new ApiError(404, 'not_found', `No webhook event "${params.eventId}"`);
      return result;
    });
    return { status: 202, body: queued };
  },
});

/** `POST /v1/admin/webhooks/replay`. */
export const replayWebhookEventsRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.webhooks.replay,
  operationId: 'replayWebhookEvents',
  summary: `Send every event since a time again (at most ${MAX_REPLAY_EVENTS} per call)`,
  description:
    `The oldest ${MAX_REPLAY_EVENTS} events at or after \`since\` (optionally of some \`types\`), to one endpoint of the ` +
    'site or to every enabled endpoint subscribed to each type, with their original ids. When the answer lists ' +
    `${MAX_REPLAY_EVENTS} events there may be more: call again with \`since\` at the last one’s \`createdAt\` ` +
    '(`GET /v1/admin/webhooks/events` shows it; that event is sent once more, with the same id).',
  tags: TAGS,
  body: WebhookReplaySchema,
  idempotent: true,
  responses: {
    202: { description: 'Queued', schema: WebhookQueuedSchema },
    404: { description: 'No such endpoint on this site (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { site, body } = ctx;
    const queued = await ctx.transaction(async (tx) => {
      if (body.endpointId !== undefined) await webhookEndpointOr404(tx, site.id, body.endpointId);
      return replayWebhookEvents(tx, {
        siteId: site.id,
        since: new Date(body.since),
        ...(body.types ? { types: body.types } : {}),
        ...(body.endpointId === undefined ? {} : { endpointId: body.endpointId }),
        now: ctx.clock(),
      });
    });
    return { status: 202, body: queued };
  },
});
