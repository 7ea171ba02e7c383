import * as z from 'zod/mini';
import { IdSchema, StaffIdSchema, TimestampSchema } from './common.js';
import {
  ASSIGNMENT_METHODS,
  CHANNELS,
  CONSENT_SOURCES,
  SCORE_BANDS,
  SURVEY_KINDS,
  type WebhookEventType,
} from './constants.js';

// The `data` of every webhook event type, and the body each attempt sends (`{ type, timestamp, data }`). Server
// only (the events are written by the server and read by the business's systems): never part of the browser's
// contract chunk. Every event about a contact carries `contact`: its id and the host app's external id (`null` for
// an anonymous visitor).

/** The contact an event is about. */
export const WebhookContactSchema = z.object({
  id: IdSchema,
  /** The host application's user id; `null` while the visitor is anonymous. */
  externalId: z.nullable(z.string()),
});
export type WebhookContact = z.infer<typeof WebhookContactSchema>;

/** `feedback.response.created` (and `feedback.contact_requested`): a visitor's answer, as stored. */
export const FeedbackResponseEventDataSchema = z.object({
  responseId: IdSchema,
  surveyId: IdSchema,
  surveyKind: z.enum(SURVEY_KINDS),
  /** `null` for a `text` survey. */
  score: z.nullable(z.number()),
  band: z.nullable(z.enum(SCORE_BANDS)),
  text: z.nullable(z.string()),
  contactRequested: z.boolean(),
  pageUrl: z.nullable(z.string()),
  answeredAt: TimestampSchema,
  receivedAt: TimestampSchema,
  contact: WebhookContactSchema,
});
export type FeedbackResponseEventData = z.infer<typeof FeedbackResponseEventDataSchema>;

/** `feedback.reply.seen`: the visitor saw the business's reply (or resolution); again after each new reply. */
export const FeedbackReplySeenEventDataSchema = z.object({
  responseId: IdSchema,
  surveyId: IdSchema,
  seenAt: TimestampSchema,
  /** Whether they pressed "Got it" when they saw it. */
  acknowledged: z.boolean(),
  contact: WebhookContactSchema,
});
export type FeedbackReplySeenEventData = z.infer<typeof FeedbackReplySeenEventDataSchema>;

/** One topic × channel change of `preferences.changed`, with the consent event that records it. */
export const PreferenceChangeItemSchema = z.object({
  topicId: z.string(),
  channel: z.enum(CHANNELS),
  /** `pending`: an email opt-in waiting for its double opt-in confirmation (`preferences.confirmed` follows). */
  state: z.enum(['granted', 'pending', 'withdrawn']),
  consentEventId: IdSchema,
});
export type PreferenceChangeItem = z.infer<typeof PreferenceChangeItemSchema>;

/**
 * `preferences.changed`: one per request that changed opt-ins (a frequency or pause alone emits none; a pause has
 * its own event). A confirmation link emits it too (`state: 'granted'`, source `confirmation_link`).
 */
export const PreferencesChangedEventDataSchema = z.object({
  contact: WebhookContactSchema,
  source: z.enum(CONSENT_SOURCES),
  changes: z.array(PreferenceChangeItemSchema),
  /** True when this request lifted an earlier unsubscribe-from-all (its consent event id is `resubscribedEventId`). */
  resubscribed: z.boolean(),
  resubscribedEventId: z.nullable(IdSchema),
});
export type PreferencesChangedEventData = z.infer<typeof PreferencesChangedEventDataSchema>;

/** `preferences.confirmed`: a double opt-in was confirmed from the link in the email. */
export const PreferencesConfirmedEventDataSchema = z.object({
  contact: WebhookContactSchema,
  topicId: z.string(),
  channel: z.enum(CHANNELS),
  consentEventId: IdSchema,
});
export type PreferencesConfirmedEventData = z.infer<typeof PreferencesConfirmedEventDataSchema>;

/** `preferences.paused`: messages paused until `pausedUntil`, or resumed (`pausedUntil: null`). */
export const PreferencesPausedEventDataSchema = z.object({
  contact: WebhookContactSchema,
  source: z.enum(CONSENT_SOURCES),
  /** Until when nothing is sent; `null`: the pause was lifted (resumed). */
  pausedUntil: z.nullable(TimestampSchema),
  consentEventId: IdSchema,
});
export type PreferencesPausedEventData = z.infer<typeof PreferencesPausedEventDataSchema>;

/** `preferences.unsubscribed_all`: the contact unsubscribed from all marketing (every opt-in is off). */
export const PreferencesUnsubscribedAllEventDataSchema = z.object({
  contact: WebhookContactSchema,
  source: z.enum(CONSENT_SOURCES),
  consentEventId: IdSchema,
});
export type PreferencesUnsubscribedAllEventData = z.infer<typeof PreferencesUnsubscribedAllEventDataSchema>;

/** What earned the points of `loyalty.points.awarded`. */
export const LOYALTY_AWARD_KINDS = ['order', 'referral', 'welcome', 'birthday', 'anniversary', 'adjust'] as const;
export type LoyaltyAwardKind = (typeof LOYALTY_AWARD_KINDS)[number];

/** `loyalty.points.awarded`: a ledger entry adding points (an order's stay pending until `availableAt`). */
export const LoyaltyPointsAwardedEventDataSchema = z.object({
  contact: WebhookContactSchema,
  entryId: IdSchema,
  points: z.number().check(z.int()),
  kind: z.enum(LOYALTY_AWARD_KINDS),
  reason: z.string(),
  /** The order's id for `kind: 'order'`; `null` otherwise. */
  orderId: z.nullable(z.string()),
  /** When the points count towards the balance (after the approval window for orders and referrals). */
  availableAt: TimestampSchema,
  expiresAt: z.nullable(TimestampSchema),
  /** The spendable balance right after this entry (pending points not included). */
  balance: z.number().check(z.int()),
});
export type LoyaltyPointsAwardedEventData = z.infer<typeof LoyaltyPointsAwardedEventDataSchema>;

/** `loyalty.reward.redeemed`: points (or a full stamp card) spent on a reward. */
export const LoyaltyRewardRedeemedEventDataSchema = z.object({
  contact: WebhookContactSchema,
  redemptionId: IdSchema,
  rewardId: z.string(),
  rewardName: z.string(),
  /** Points spent (0 for the stamp card). */
  points: z.number().check(z.int()),
  balance: z.number().check(z.int()),
  redeemedAt: TimestampSchema,
});
export type LoyaltyRewardRedeemedEventData = z.infer<typeof LoyaltyRewardRedeemedEventDataSchema>;

/** `loyalty.tier.changed`: the member's tier (by name) went up or down. */
export const LoyaltyTierChangedEventDataSchema = z.object({
  contact: WebhookContactSchema,
  /** The tier before; `null` for a new member. */
  from: z.nullable(z.string()),
  to: z.string(),
});
export type LoyaltyTierChangedEventData = z.infer<typeof LoyaltyTierChangedEventDataSchema>;

/** `owner.assigned`: the contact's owner changed (`ownerId: null`: left without one by a hand-over or a merge). */
export const OwnerAssignedEventDataSchema = z.object({
  contact: WebhookContactSchema,
  ownerId: z.nullable(StaffIdSchema),
  previousOwnerId: z.nullable(StaffIdSchema),
  how: z.enum(ASSIGNMENT_METHODS),
  /** A staff id, `admin` or `system`. */
  by: z.string(),
  assignedAt: TimestampSchema,
});
export type OwnerAssignedEventData = z.infer<typeof OwnerAssignedEventDataSchema>;

/** `owner.contact_requested`: a visitor asked to be contacted (in a feedback answer); for their owner, if any. */
export const OwnerContactRequestedEventDataSchema = z.object({
  contact: WebhookContactSchema,
  /** The contact's owner when they asked; `null`: nobody owns them yet. */
  ownerId: z.nullable(StaffIdSchema),
  /** The feedback response that carries the request. */
  responseId: IdSchema,
  surveyId: IdSchema,
  requestedAt: TimestampSchema,
});
export type OwnerContactRequestedEventData = z.infer<typeof OwnerContactRequestedEventDataSchema>;

/** `webhook.endpoint.disabled`: the server stopped sending to an endpoint that kept failing. */
export const WebhookEndpointDisabledEventDataSchema = z.object({
  endpointId: IdSchema,
  url: z.string(),
  reason: z.enum(['failing']),
  failingSince: TimestampSchema,
  disabledAt: TimestampSchema,
});
export type WebhookEndpointDisabledEventData = z.infer<typeof WebhookEndpointDisabledEventDataSchema>;

/** `webhook.test`: sent on request to check an endpoint. */
export const WebhookTestEventDataSchema = z.object({
  endpointId: IdSchema,
  message: z.string(),
});
export type WebhookTestEventData = z.infer<typeof WebhookTestEventDataSchema>;

/** The `data` schema of each event type. */
export const WEBHOOK_EVENT_SCHEMAS = {
  'feedback.response.created': FeedbackResponseEventDataSchema,
  'feedback.contact_requested': FeedbackResponseEventDataSchema,
  'feedback.reply.seen': FeedbackReplySeenEventDataSchema,
  'preferences.changed': PreferencesChangedEventDataSchema,
  'preferences.confirmed': PreferencesConfirmedEventDataSchema,
  'preferences.paused': PreferencesPausedEventDataSchema,
  'preferences.unsubscribed_all': PreferencesUnsubscribedAllEventDataSchema,
  'loyalty.points.awarded': LoyaltyPointsAwardedEventDataSchema,
  'loyalty.reward.redeemed': LoyaltyRewardRedeemedEventDataSchema,
  'loyalty.tier.changed': LoyaltyTierChangedEventDataSchema,
  'owner.assigned': OwnerAssignedEventDataSchema,
  'owner.contact_requested': OwnerContactRequestedEventDataSchema,
  'webhook.endpoint.disabled': WebhookEndpointDisabledEventDataSchema,
  'webhook.test': WebhookTestEventDataSchema,
} as const satisfies Record<WebhookEventType, z.ZodMiniType>;

/** The `data` of an event of type `T`. */
export type WebhookEventData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_EVENT_SCHEMAS)[T]>;

/** The body of an event of type `type` with its `data` schema: `{ type, timestamp, data }`. */
export function webhookEnvelopeSchema<T extends WebhookEventType>(type: T) {
  return z.object({ type: z.literal(type), timestamp: TimestampSchema, data: WEBHOOK_EVENT_SCHEMAS[type] });
}

/** The body every attempt sends (Standard Webhooks): `{ type, timestamp, data }`, `data` per `type`. */
export const WebhookEventSchema = z.discriminatedUnion('type', [
  webhookEnvelopeSchema('feedback.response.created'),
  webhookEnvelopeSchema('feedback.contact_requested'),
  webhookEnvelopeSchema('feedback.reply.seen'),
  webhookEnvelopeSchema('preferences.changed'),
  webhookEnvelopeSchema('preferences.confirmed'),
  webhookEnvelopeSchema('preferences.paused'),
  webhookEnvelopeSchema('preferences.unsubscribed_all'),
  webhookEnvelopeSchema('loyalty.points.awarded'),
  webhookEnvelopeSchema('loyalty.reward.redeemed'),
  webhookEnvelopeSchema('loyalty.tier.changed'),
  webhookEnvelopeSchema('owner.assigned'),
  webhookEnvelopeSchema('owner.contact_requested'),
  webhookEnvelopeSchema('webhook.endpoint.disabled'),
  webhookEnvelopeSchema('webhook.test'),
]);

/** A webhook body as the business's endpoint receives it, narrowed by `type`. */
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
