import {
  ErrorEnvelopeSchema,
  IdSchema,
  WebhookEndpointCreateSchema,
  WebhookEndpointPageSchema,
  WebhookEndpointSchema,
  WebhookEndpointUpdateSchema,
  WebhookEndpointWithSecretSchema,
  WebhookSecretRotateSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import type { AppRuntime } from '../http/AppRuntime.js';
import { ApiError, validationFailed } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import { cursorFromQuery, encodeKeysetCursor } from '../http/keysetCursor.js';
import { webhookUrlRefusal } from '../webhooks/checkWebhookUrl.js';
import {
  deleteWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  toWebhookEndpoint,
  updateWebhookEndpoint,
  webhookEndpointOr404,
  type WebhookEndpointRow,
} from '../webhooks/webhookQueries.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['admin', 'webhooks'];
/** Path parameters of one endpoint's routes. */
export const WebhookEndpointPathSchema = z.strictObject({ endpointId: IdSchema });
/** The documented 404 of an endpoint's routes. */
export const ENDPOINT_NOT_FOUND = { description: 'No such endpoint on this site (`not_found`)', schema: ErrorEnvelopeSchema };
const BAD_URL = { description: 'The request, or its URL, is refused (`validation_failed`, an issue on `url`)', schema: ErrorEnvelopeSchema };
const PageQuerySchema = z.strictObject({
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9][0-9]|100)$/, 'A whole number from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});
const DEFAULT_PAGE_SIZE = 50;
const URL_RULES =
  'The URL must be `https://` and reach a public address: user names and passwords in it, `localhost`, loopback, ' +
  'private (RFC 1918, fc00::/7), link-local (169.254/16 with cloud metadata, fe80::/10), CGNAT and multicast ' +
  'addresses are refused (422), here and again at every send, after resolving the name (a name that later resolves ' +
  'to such an address is not called). A server started with the development allowance (`--webhooks-allow-private`) ' +
  'accepts `http://` and private addresses.';

/** 422 with an issue on `url` when `url` may not receive webhooks under this app's policy. */
async function checkUrl(runtime: AppRuntime, url: string): Promise<void> {
  const refusal = await webhookUrlRefusal(url, runtime.webhooks);
  if (refusal !== null) throw validationFailed([{ path: ['url'], message: refusal, code: 'refused_url' }], `The URL is refused: ${refusal}`);
}

const withSecret = (row: WebhookEndpointRow, now: Date) => ({ ...toWebhookEndpoint(row, now), secret: row.secret });

/** `POST /v1/admin/webhooks/endpoints`. */
export const createWebhookEndpointRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.webhooks.endpoints,
  operationId: 'createWebhookEndpoint',
  summary: 'Create a webhook endpoint (its signing secret is shown in the answer)',
  description:
    `Events of the types listed (every type when none) are sent to it from now on, signed per Standard Webhooks. ${URL_RULES} ` +
    'The secret (`whsec_…`) is readable again only through a rotation.',
  tags: TAGS,
  body: WebhookEndpointCreateSchema,
  idempotent: true,
  responses: { 201: { description: 'The endpoint, with its secret', schema: WebhookEndpointWithSecretSchema }, 422: BAD_URL },
  async handle(ctx) {
    await checkUrl(ctx.runtime, ctx.body.url);
    const now = ctx.clock();
    const row = await insertWebhookEndpoint(ctx.db, {
      siteId: ctx.site.id,
      url: ctx.body.url,
      description: ctx.body.description ?? '',
      eventTypes: ctx.body.eventTypes ?? [],
      now,
    });
    return { status: 201, body: withSecret(row, now) };
  },
});

/** `GET /v1/admin/webhooks/endpoints`. */
export const listWebhookEndpointsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.webhooks.endpoints,
  operationId: 'listWebhookEndpoints',
  summary: 'The site’s webhook endpoints, oldest first, a page at a time',
  tags: TAGS,
  query: PageQuerySchema,
  responses: { 200: { description: 'A page of endpoints', schema: WebhookEndpointPageSchema } },
  async handle(ctx) {
    const limit = ctx.query.limit ? Number(ctx.query.limit) : DEFAULT_PAGE_SIZE;
    const rows = await listWebhookEndpoints(ctx.db, ctx.site.id, { after: cursorFromQuery(ctx.query.cursor), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      status: 200,
      body: {
        items: page.map((row) => toWebhookEndpoint(row, ctx.now)),
        nextCursor: rows.length > limit && last ? encodeKeysetCursor({ at: last.created_at, id: last.id }) : null,
      },
    };
  },
});

/** `GET /v1/admin/webhooks/endpoints/{endpointId}`. */
export const getWebhookEndpointRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.webhooks.endpoint,
  operationId: 'getWebhookEndpoint',
  summary: 'One webhook endpoint (without its secret)',
  tags: TAGS,
  params: WebhookEndpointPathSchema,
  responses: { 200: { description: 'The endpoint', schema: WebhookEndpointSchema }, 404: ENDPOINT_NOT_FOUND },
  async handle(ctx) {
    return { status: 200, body: toWebhookEndpoint(await webhookEndpointOr404(ctx.db, ctx.site.id, ctx.params.endpointId), ctx.now) };
  },
});

/** `PATCH /v1/admin/webhooks/endpoints/{endpointId}`. */
export const updateWebhookEndpointRoute = defineRoute({
  auth: 'admin',
  method: 'PATCH',
  path: API_PATHS.webhooks.endpoint,
  operationId: 'updateWebhookEndpoint',
  summary: 'Change a webhook endpoint: URL, description, event types, enabled',
  description:
    '`enabled: false` disables it (`disabledReason: manual`) and cancels its pending deliveries; `enabled: true` ' +
    're-enables it and forgets its failure run (cancelled deliveries can be replayed). ' +
    URL_RULES,
  tags: TAGS,
  params: WebhookEndpointPathSchema,
  body: WebhookEndpointUpdateSchema,
  responses: { 200: { description: 'The endpoint', schema: WebhookEndpointSchema }, 404: ENDPOINT_NOT_FOUND, 422: BAD_URL },
  async handle(ctx) {
    const { site, params, body } = ctx;
    if (body.url !== undefined) await checkUrl(ctx.runtime, body.url);
    const { row, now } = await ctx.transaction(async (tx) => {
      const current = await webhookEndpointOr404(tx, site.id, params.endpointId, true);
      const at = ctx.clock();
      return { row: await updateWebhookEndpoint(tx, current, body, at), now: at };
    });
    return { status: 200, body: toWebhookEndpoint(row, now) };
  },
});

/** `DELETE /v1/admin/webhooks/endpoints/{endpointId}`. */
export const deleteWebhookEndpointRoute = defineRoute({
  auth: 'admin',
  method: 'DELETE',
  path: API_PATHS.webhooks.endpoint,
  operationId: 'deleteWebhookEndpoint',
  summary: 'Delete a webhook endpoint, with its pending deliveries and its attempt log',
  description: 'Attempts already in flight finish; nothing more is sent to it. The events stay (for other endpoints and replays).',
  tags: TAGS,
  params: WebhookEndpointPathSchema,
  responses: { 204: { description: 'Deleted' }, 404: ENDPOINT_NOT_FOUND },
  async handle(ctx) {
    if (!(await deleteWebhookEndpoint(ctx.db, ctx.site.id, ctx.params.endpointId))) {
      throw new ApiError(404, 'not_found', `No webhook endpoint "${ctx.params.endpointId}"`);
    }
    return { status: 204, body: null };
  },
});

/** `POST /v1/admin/webhooks/endpoints/{endpointId}/rotate-secret`. */
export const rotateWebhookSecretRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.webhooks.rotateSecret,
  operationId: 'rotateWebhookSecret',
  summary: 'Give an endpoint a new signing secret (shown in the answer)',
  description:
    'Until `previousSecretValidUntil` (`overlapSeconds` from now, default a day) every attempt carries two signatures, ' +
    'one per secret, so receivers can switch at their pace; after it, only the new one. `overlapSeconds: 0` stops the ' +
    'old secret at once (it leaked). Rotating during an overlap ends the older secret.',
  tags: TAGS,
  params: WebhookEndpointPathSchema,
  body: WebhookSecretRotateSchema,
  idempotent: true,
  responses: { 200: { description: 'The endpoint, with its new secret', schema: WebhookEndpointWithSecretSchema }, 404: ENDPOINT_NOT_FOUND },
  async handle(ctx) {
    const { site, params, body } = ctx;
    const { row, now } = await ctx.transaction(async (tx) => {
      const current = await webhookEndpointOr404(tx, site.id, params.endpointId, true);
      const at = ctx.clock();
      return { row: await rotateWebhookSecret(tx, current, { overlapMs: (body.overlapSeconds ?? 86_400) * 1000, now: at }), now: at };
    });
    return { status: 200, body: withSecret(row, now) };
  },
});
