import * as z from 'zod/mini';
import { IdSchema, pageOf, TimestampSchema } from './common.js';
import { WEBHOOK_EVENT_TYPES } from './constants.js';

// Webhook endpoints, their deliveries and attempts, managed with the site's secret key (admin routes,
// @rapport/node). Events follow the Standard Webhooks specification: `webhook-id`, `webhook-timestamp`,
// `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`, secrets `whsec_<base64>`.

/** An event type an endpoint can subscribe to (every one of `WEBHOOK_EVENT_TYPES`). */
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/** An endpoint URL: `https://…` (plain `http://` and private addresses only with the server's development allowance). */
export const WebhookUrlSchema = z.string().check(z.minLength(1), z.maxLength(2048));

/** A webhook endpoint (never its secret, except in the responses that create or rotate it). */
export const WebhookEndpointSchema = z.object({
  id: IdSchema,
  url: z.string(),
  description: z.string(),
  /** Event types sent to it; empty = every type. */
  eventTypes: z.array(WebhookEventTypeSchema),
  enabled: z.boolean(),
  /** Why it was disabled (`failing` when the server gave up on it after days of failures, `manual` otherwise). */
  disabledReason: z.nullable(z.enum(['failing', 'manual'])),
  disabledAt: z.nullable(TimestampSchema),
  /** The first failure of the current run of failures; `null` while it answers. */
  failingSince: z.nullable(TimestampSchema),
  /** Until when the previous secret still signs too (after a rotation); `null` when no previous secret signs. */
  previousSecretValidUntil: z.nullable(TimestampSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/** An endpoint with its signing secret: the answer of create and of rotate, the only ones that carry it. */
export const WebhookEndpointWithSecretSchema = z.object({
  ...WebhookEndpointSchema.shape,
  /** `whsec_…`: verify signatures with it (e.g. `verifyWebhook` from @rapport/node). Store it now. */
  secret: z.string(),
});
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecretSchema>;

/** Body of `POST /v1/admin/webhooks/endpoints`. */
export const WebhookEndpointCreateSchema = z.strictObject({
  url: WebhookUrlSchema,
  /** Shown in the console. Default: empty. */
  description: z.optional(z.string().check(z.maxLength(500))),
  /** Event types to send. Default: every type (empty list). */
  eventTypes: z.optional(z.array(WebhookEventTypeSchema).check(z.maxLength(WEBHOOK_EVENT_TYPES.length))),
});
export type WebhookEndpointCreate = z.infer<typeof WebhookEndpointCreateSchema>;

/** Body of `PATCH /v1/admin/webhooks/endpoints/{endpointId}`: the fields present change. */
export const WebhookEndpointUpdateSchema = z.strictObject({
  url: z.optional(WebhookUrlSchema),
  description: z.optional(z.string().check(z.maxLength(500))),
  eventTypes: z.optional(z.array(WebhookEventTypeSchema).check(z.maxLength(WEBHOOK_EVENT_TYPES.length))),
  /** `true` re-enables (and forgets the failure run), `false` disables (`disabledReason: 'manual'`). */
  enabled: z.optional(z.boolean()),
});
export type WebhookEndpointUpdate = z.infer<typeof WebhookEndpointUpdateSchema>;

/** Body of `POST /v1/admin/webhooks/endpoints/{endpointId}/rotate-secret`. */
export const WebhookSecretRotateSchema = z.strictObject({
  /** How long the previous secret keeps signing too, in seconds (0–7 days). Default: 86,400 (a day). */
  overlapSeconds: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(7 * 86_400))),
});
export type WebhookSecretRotate = z.infer<typeof WebhookSecretRotateSchema>;

/** A page of endpoints, oldest first. */
export const WebhookEndpointPageSchema = pageOf(WebhookEndpointSchema);
export type WebhookEndpointPage = z.infer<typeof WebhookEndpointPageSchema>;

/** An event of the outbox as the admin API shows it: the body every attempt sends, and its id. */
export const WebhookEventRecordSchema = z.object({
  /** `msg_…`: the `webhook-id` of every attempt of this event (the receiver's deduplication key). */
  id: IdSchema,
  type: WebhookEventTypeSchema,
  /** The contact it is about, if any. */
  contactId: z.nullable(IdSchema),
  /** The JSON body sent: `{ type, timestamp, data }`. */
  payload: z.object({ type: WebhookEventTypeSchema, timestamp: TimestampSchema, data: z.record(z.string(), z.unknown()) }),
  createdAt: TimestampSchema,
});
export type WebhookEventRecord = z.infer<typeof WebhookEventRecordSchema>;

/** A page of events, newest first. */
export const WebhookEventPageSchema = pageOf(WebhookEventRecordSchema);
export type WebhookEventPage = z.infer<typeof WebhookEventPageSchema>;

/** Query of `GET /v1/admin/webhooks/events`. */
export const WebhookEventListQuerySchema = z.strictObject({
  /** Only events written at or after this time. */
  since: z.optional(TimestampSchema),
  type: z.optional(WebhookEventTypeSchema),
  /** Page size, 1–100. Default: 50. */
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});

/** One attempt to deliver an event to an endpoint. */
export const WebhookAttemptSchema = z.object({
  id: IdSchema,
  deliveryId: IdSchema,
  eventId: IdSchema,
  endpointId: IdSchema,
  /** 1 for the first try, then counting retries and replays. */
  attempt: z.number().check(z.int()),
  attemptedAt: TimestampSchema,
  /** The HTTP status, or `null` when none came (refused, timed out, blocked address). */
  statusCode: z.nullable(z.number().check(z.int())),
  latencyMs: z.number().check(z.int()),
  /** The first characters of the response body. */
  responseExcerpt: z.string(),
  /** What went wrong without a status: `timeout`, `connection refused`, `blocked address`, … */
  error: z.nullable(z.string()),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

/** A page of attempts, newest first. */
export const WebhookAttemptPageSchema = pageOf(WebhookAttemptSchema);
export type WebhookAttemptPage = z.infer<typeof WebhookAttemptPageSchema>;

/** Body of `POST /v1/admin/webhooks/events/{eventId}/replay`. */
export const WebhookEventReplaySchema = z.strictObject({
  /** Send to this endpoint only. Default: every enabled endpoint subscribed to the event's type. */
  endpointId: z.optional(IdSchema),
});
export type WebhookEventReplay = z.infer<typeof WebhookEventReplaySchema>;

/** Body of `POST /v1/admin/webhooks/replay`: every event since a time, again. */
export const WebhookReplaySchema = z.strictObject({
  since: TimestampSchema,
  endpointId: z.optional(IdSchema),
  types: z.optional(z.array(WebhookEventTypeSchema).check(z.maxLength(WEBHOOK_EVENT_TYPES.length))),
});
export type WebhookReplay = z.infer<typeof WebhookReplaySchema>;

/** Answer of the replay and test routes: what was queued. */
export const WebhookQueuedSchema = z.object({
  /** Events queued again (or the test event's id for a test). */
  eventIds: z.array(IdSchema),
  /** Deliveries created. */
  deliveries: z.number().check(z.int()),
});
export type WebhookQueued = z.infer<typeof WebhookQueuedSchema>;
