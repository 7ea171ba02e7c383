// Plain constants of the contract, free of zod so the browser's first-render bundle can use them.

/**
 * Error codes the server puts in the error envelope. Stable: clients switch on them.
 * Later features add their own (for example `insufficient_points`); the wire type stays a string so an
 * older client still understands a newer server.
 */
export const SERVER_ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unauthorized',
  'forbidden',
  'origin_not_allowed',
  'unknown_publishable_key',
  'not_found',
  'method_not_allowed',
  'conflict',
  'idempotency_conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'insufficient_points',
  'survey_closed',
  'owner_unavailable',
  'internal',
] as const;

/** One of the codes in {@link SERVER_ERROR_CODES}. */
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** The four widgets a site can switch on. */
export const WIDGET_NAMES = ['feedback', 'preferences', 'loyalty', 'owner'] as const;
export type WidgetName = (typeof WIDGET_NAMES)[number];

/** Question kinds: Net Promoter Score 0–10, satisfaction 1–5, customer effort 1–7, thumbs 0/1, or free text. */
export const SURVEY_KINDS = ['nps', 'csat', 'ces', 'thumbs', 'text'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** Inclusive score range of each kind; `text` has no score. */
export const SCORE_RANGES: Record<Exclude<SurveyKind, 'text'>, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  thumbs: { min: 0, max: 1 },
};

/** Where a score falls: detractor/passive/promoter for NPS, and the same three bands for the other kinds. */
export const SCORE_BANDS = ['negative', 'neutral', 'positive'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** The band of a score: NPS 0–6/7–8/9–10, CSAT 1–2/3/4–5, CES 1–3/4/5–7, thumbs down/up; `null` for text. */
export function scoreBand(kind: SurveyKind, score: number | null): ScoreBand | null {
  if (kind === 'text' || score === null) return null;
  const bands: Record<typeof kind, readonly [number, number]> = { nps: [6, 8], csat: [2, 3], ces: [3, 4], thumbs: [0, 0] };
  const [negativeMax, neutralMax] = bands[kind];
  if (score <= negativeMax) return 'negative';
  if (score <= neutralMax) return 'neutral';
  return 'positive';
}

/** How a URL rule compares the page URL (path + query). */
export const URL_MATCHES = ['exact', 'contains', 'startsWith', 'regex'] as const;

/** Where the prompt renders: where the component is, a corner popover, or behind a persistent tab. */
export const PLACEMENTS = ['inline', 'popover', 'tab'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** Survey lifecycle: only `active` surveys inside their window are shown or accept responses. */
export const SURVEY_STATUSES = ['draft', 'active', 'closed'] as const;

/** How far the business has got with a response. */
export const RESPONSE_STATUSES = ['new', 'acknowledged', 'resolved'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];


/** Channels a business can reach a contact on. */
export const CHANNELS = ['email', 'sms', 'push', 'post', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How often a topic's messages may arrive, where the business allows a choice. */
export const FREQUENCIES = ['immediately', 'daily', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** State of one topic × channel: off (the default), on, or waiting for the double opt-in confirmation. */
export const OPT_IN_STATES = ['off', 'pending', 'on'] as const;
export type OptInState = (typeof OPT_IN_STATES)[number];

/** How a consent event came about. */
export const CONSENT_SOURCES = ['widget', 'confirmation_link', 'one_click', 'admin', 'api'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/**
 * Webhook event types (Standard Webhooks `type`): what a change tells the business's systems. Each has a `data`
 * schema in the contract (`WEBHOOK_EVENT_SCHEMAS`) and is listed under `webhooks` in the OpenAPI document.
 */
export const WEBHOOK_EVENT_TYPES = [
  'feedback.response.created',
  'feedback.contact_requested',
  'feedback.reply.seen',
  'preferences.changed',
  'preferences.confirmed',
  'preferences.paused',
  'preferences.unsubscribed_all',
  'loyalty.points.awarded',
  'loyalty.reward.redeemed',
  'loyalty.tier.changed',
  'owner.assigned',
  'owner.contact_requested',
  'webhook.endpoint.disabled',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Kinds of loyalty ledger entry. Entries are never changed: reversals and expiry are new entries. */
export const LEDGER_ENTRY_TYPES = ['earn', 'redeem', 'expire', 'reverse', 'adjust'] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

/** Rewards the server grants by itself, shown once as a celebration on the card. */
export const CELEBRATION_KINDS = ['welcome', 'birthday', 'anniversary'] as const;
export type CelebrationKind = (typeof CELEBRATION_KINDS)[number];

/** The reward id that claims a full stamp card (`POST /v1/visitor/loyalty/redemptions`); reserved in the catalog. */
export const STAMP_REWARD_ID = 'stamp-card';

/** Days of the week as shifts name them; index = `Date#getDay()` (Sunday = 0). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Parts of a staff member's profile the business may show visitors (`visibleFields`). The name is always
 * shown: the alias when the staff member has one, otherwise the display name.
 */
export const OWNER_VISIBLE_FIELDS = ['role', 'photo', 'email', 'phone', 'chat', 'meeting', 'responseTime'] as const;
export type OwnerVisibleField = (typeof OWNER_VISIBLE_FIELDS)[number];

/**
 * How a contact got its owner: the first staff member to reply to or serve them, the round-robin fallback,
 * the business by hand, or a hand-over when the owner left the team (to the backup, or back to no owner).
 */
export const ASSIGNMENT_METHODS = ['first_touch', 'round_robin', 'manual', 'handover'] as const;
export type AssignmentMethod = (typeof ASSIGNMENT_METHODS)[number];

/** Whether an owner is in: in a shift, between shifts, out of office, or on a holiday. */
export const AVAILABILITY_STATES = ['available', 'away', 'out_of_office', 'holiday'] as const;
export type AvailabilityState = (typeof AVAILABILITY_STATES)[number];
