import {
  WebhookAttemptPageSchema,
  WebhookEndpointCreateSchema,
  WebhookEndpointPageSchema,
  WebhookEndpointSchema,
  WebhookEndpointUpdateSchema,
  WebhookEndpointWithSecretSchema,
  WebhookEventListQuerySchema,
  WebhookEventPageSchema,
  WebhookEventReplaySchema,
  WebhookQueuedSchema,
  WebhookReplaySchema,
  WebhookSecretRotateSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { operation, type MethodsFor, type AdminCallOptions, type AdminWriteOptions, type QueryInput } from './AdminOperation.js';
import type { AdminCall } from './createAdminCall.js';
import { paginate } from './paginate.js';

const ENDPOINTS = '/v1/admin/webhooks/endpoints';
const ENDPOINT = `${ENDPOINTS}/{endpointId}`;
const EVENTS = '/v1/admin/webhooks/events';

/** `limit` and `cursor` of the endpoint and attempt lists. */
export interface WebhookPageQuery {
  /** Page size, 1–100. Default: the server's (50). */
  limit?: number | string;
  /** The previous page's `nextCursor`. Default: the first page. */
  cursor?: string;
}

/** The webhook operations, by SDK method name. */
export const webhooksOperations = {
  createEndpoint: operation({
    operationId: 'createWebhookEndpoint',
    method: 'POST',
    path: ENDPOINTS,
    body: WebhookEndpointCreateSchema,
    response: WebhookEndpointWithSecretSchema,
    retry: 'key',
  }),
  listEndpoints: operation({ operationId: 'listWebhookEndpoints', method: 'GET', path: ENDPOINTS, response: WebhookEndpointPageSchema, retry: 'read' }),
  getEndpoint: operation({ operationId: 'getWebhookEndpoint', method: 'GET', path: ENDPOINT, response: WebhookEndpointSchema, retry: 'read' }),
  updateEndpoint: operation({
    operationId: 'updateWebhookEndpoint',
    method: 'PATCH',
    path: ENDPOINT,
    body: WebhookEndpointUpdateSchema,
    response: WebhookEndpointSchema,
    retry: 'natural',
  }),
  deleteEndpoint: operation({ operationId: 'deleteWebhookEndpoint', method: 'DELETE', path: ENDPOINT, response: z.undefined(), retry: 'once' }),
  rotateSecret: operation({
    operationId: 'rotateWebhookSecret',
    method: 'POST',
    path: `${ENDPOINT}/rotate-secret`,
    body: WebhookSecretRotateSchema,
    response: WebhookEndpointWithSecretSchema,
    retry: 'key',
  }),
  sendTest: operation({ operationId: 'sendWebhookTest', method: 'POST', path: `${ENDPOINT}/test`, response: WebhookQueuedSchema, retry: 'key' }),
  listAttempts: operation({ operationId: 'listWebhookAttempts', method: 'GET', path: `${ENDPOINT}/attempts`, response: WebhookAttemptPageSchema, retry: 'read' }),
  listEvents: operation({
    operationId: 'listWebhookEvents',
    method: 'GET',
    path: EVENTS,
    query: WebhookEventListQuerySchema,
    response: WebhookEventPageSchema,
    retry: 'read',
  }),
  replayEvent: operation({
    operationId: 'replayWebhookEvent',
    method: 'POST',
    path: `${EVENTS}/{eventId}/replay`,
    body: WebhookEventReplaySchema,
    response: WebhookQueuedSchema,
    retry: 'key',
  }),
  replayEvents: operation({
    operationId: 'replayWebhookEvents',
    method: 'POST',
    path: '/v1/admin/webhooks/replay',
    body: WebhookReplaySchema,
    response: WebhookQueuedSchema,
    retry: 'key',
  }),
} as const;

/** Filters of `webhooks.listEvents` and `webhooks.events`. */
export type WebhookEventQuery = QueryInput<typeof WebhookEventListQuerySchema>;

/** Webhook endpoints and their secrets, the events sent, each delivery attempt, replays and test events. */
export function createWebhooksAdmin(call: AdminCall) {
  const ops = webhooksOperations;
  return {
    /** Adds an endpoint. The answer carries its signing secret (`whsec_…`) this once: store it for `verifyWebhook`. */
    createEndpoint: (endpoint: z.input<typeof WebhookEndpointCreateSchema>, options?: AdminWriteOptions) =>
      call(ops.createEndpoint, { body: endpoint }, options),
    /** A page of endpoints, oldest first. */
    listEndpoints: (query: WebhookPageQuery = {}, options?: AdminCallOptions) => call(ops.listEndpoints, { query: { ...query } }, options),
    /** Every endpoint, page after page. */
    endpoints: (query: Omit<WebhookPageQuery, 'cursor'> = {}, options?: AdminCallOptions) =>
      paginate((cursor) => call(ops.listEndpoints, { query: { ...query, cursor } }, options), (page) => page.items),
    /** One endpoint (without its secret). */
    getEndpoint: (endpointId: string, options?: AdminCallOptions) => call(ops.getEndpoint, { params: { endpointId } }, options),
    /** Changes an endpoint: URL, description, event types; `enabled: true` re-enables one the server disabled. */
    updateEndpoint: (endpointId: string, changes: z.input<typeof WebhookEndpointUpdateSchema>, options?: AdminWriteOptions) =>
      call(ops.updateEndpoint, { params: { endpointId }, body: changes }, options),
    /** Deletes an endpoint; nothing more is sent to it. */
    deleteEndpoint: (endpointId: string, options?: AdminWriteOptions) => call(ops.deleteEndpoint, { params: { endpointId } }, options),
    /** A new signing secret; the previous one keeps signing too for `overlapSeconds` (default a day). */
    rotateSecret: (endpointId: string, rotation: z.input<typeof WebhookSecretRotateSchema> = {}, options?: AdminWriteOptions) =>
      call(ops.rotateSecret, { params: { endpointId }, body: rotation }, options),
    /** Queues a `webhook.test` event to this endpoint only. */
    sendTest: (endpointId: string, options?: AdminWriteOptions) => call(ops.sendTest, { params: { endpointId } }, options),
    /** A page of delivery attempts to an endpoint, newest first. */
    listAttempts: (endpointId: string, query: WebhookPageQuery = {}, options?: AdminCallOptions) =>
      call(ops.listAttempts, { params: { endpointId }, query: { ...query } }, options),
    /** Every delivery attempt to an endpoint, page after page. */
    attempts: (endpointId: string, query: Omit<WebhookPageQuery, 'cursor'> = {}, options?: AdminCallOptions) =>
      paginate((cursor) => call(ops.listAttempts, { params: { endpointId }, query: { ...query, cursor } }, options), (page) => page.items),
    /** A page of events, newest first, filtered by `since` and `type`. */
    listEvents: (query: WebhookEventQuery = {}, options?: AdminCallOptions) => call(ops.listEvents, { query }, options),
    /** Every event matching the filters, page after page. */
    events: (query: Omit<WebhookEventQuery, 'cursor'> = {}, options?: AdminCallOptions) =>
      paginate((cursor) => call(ops.listEvents, { query: { ...query, cursor } }, options), (page) => page.items),
    /** Sends one event again (same `webhook-id`, so receivers deduplicate), to every subscribed endpoint or one. */
    replayEvent: (eventId: string, replay: z.input<typeof WebhookEventReplaySchema> = {}, options?: AdminWriteOptions) =>
      call(ops.replayEvent, { params: { eventId }, body: replay }, options),
    /** Sends every event since a time again (after an outage on your side), optionally to one endpoint or of some types. */
    replayEvents: (replay: z.input<typeof WebhookReplaySchema>, options?: AdminWriteOptions) => call(ops.replayEvents, { body: replay }, options),
  } satisfies MethodsFor<typeof ops>;
}
