import * as z from 'zod/mini';
import { IdSchema, TimestampSchema } from './common.js';
import { CHANNELS } from './constants.js';
import { Text } from './feedback.js';
import { CatalogChannelSchema, CatalogTopicSchema, PreferenceStateSchema } from './preferences.js';

// The business's side of the preferences center (admin routes, the mailer's links). Kept apart from
// preferences.ts so the browser's contract chunk carries none of it.

/** Body of `PUT /v1/admin/preferences/catalog`. */
export const PreferenceCatalogInputSchema = z.strictObject({
  channels: z.array(z.strictObject(CatalogChannelSchema.shape)).check(z.minLength(1), z.maxLength(5)),
  topics: z.array(z.strictObject(CatalogTopicSchema.shape)).check(z.maxLength(50)),
  statement: Text(500),
});
export type PreferenceCatalogInput = z.infer<typeof PreferenceCatalogInputSchema>;

/** Result of `GET /v1/admin/preferences/verify`. */
export const ConsentChainReportSchema = z.object({
  valid: z.boolean(),
  eventsChecked: z.number(),
  /** The first event whose hash does not match, when the chain is broken. */
  brokenAt: z.nullable(z.object({ eventId: IdSchema, contactId: IdSchema, sequence: z.number() })),
  /**
   * `full`: every event of the site was read (the first verification, `?full=true`, or after the checkpoint was
   * invalidated). `incremental`: only the events written since the last successful verification, each chain
   * continuing from its verified hash. Absent from servers that predate checkpoints.
   */
  mode: z.optional(z.enum(['full', 'incremental'])),
  /** For an `incremental` pass: when the verification it continues from ran. `null` for a full pass. */
  checkedSince: z.optional(z.nullable(TimestampSchema)),
});
export type ConsentChainReport = z.infer<typeof ConsentChainReportSchema>;

/** Query of `GET /v1/admin/preferences/verify`. */
export const ConsentVerifyQuerySchema = z.strictObject({
  /** `true`: re-read every event, whatever the checkpoint says (the only pass that catches an old event rewritten). */
  full: z.optional(z.enum(['true', 'false'])),
});

/** Query of `GET /v1/admin/contacts/{externalId}/consent-events`. */
export const ConsentEventListQuerySchema = z.strictObject({
  /** Events per page, 1–1000. Default: 100. */
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9][0-9]{0,2}|1000)$/, 'A whole number from 1 to 1000'))),
  /** `nextCursor` of the previous page. Default: from the first event. */
  cursor: z.optional(z.string().check(z.maxLength(200))),
});

/** Opt-in rate of one topic × channel. */
export const OptInRateSchema = z.object({
  topicId: z.string(),
  channel: z.enum(CHANNELS),
  optedIn: z.number(),
  pending: z.number(),
  contacts: z.number(),
  /** optedIn / contacts, 0–1; `null` with no contacts. */
  rate: z.nullable(z.number()),
});
export const OptInRatesSchema = z.object({ items: z.array(OptInRateSchema) });

/** A pending double opt-in, for the business's mailer to send the confirmation link. */
export const PendingConfirmationSchema = z.object({
  token: z.string(),
  topicId: z.string(),
  channel: z.enum(CHANNELS),
  contactId: IdSchema,
  externalId: z.nullable(z.string()),
  email: z.nullable(z.string()),
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
});
export const PendingConfirmationListSchema = z.object({
  items: z.array(PendingConfirmationSchema),
  /** The cursor of the next page; `null` after the last. Absent from servers that returned one page of 1,000. */
  nextCursor: z.optional(z.nullable(z.string())),
});

/** Query of `GET /v1/admin/preferences/confirmations`. */
export const PendingConfirmationListQuerySchema = z.strictObject({
  /** Confirmations per page, 1–1000. Default: 1000. */
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9][0-9]{0,2}|1000)$/, 'A whole number from 1 to 1000'))),
  /** `nextCursor` of the previous page. Default: from the oldest. */
  cursor: z.optional(z.string().check(z.maxLength(200))),
});

/** Body of `POST /v1/preferences/confirm` (the link in the confirmation email). */
export const ConfirmOptInSchema = z.strictObject({ token: z.string().check(z.minLength(16), z.maxLength(200)) });

/** Response of `GET /v1/admin/contacts/{externalId}/preferences`: for the business and its mailer. */
export const ContactPreferencesSchema = z.object({
  contactId: IdSchema,
  externalId: z.nullable(z.string()),
  state: PreferenceStateSchema,
  /** RFC 8058 one-click unsubscribe URL for this contact (put it in `List-Unsubscribe`). */
  oneClickUnsubscribeUrl: z.string(),
});
export type ContactPreferences = z.infer<typeof ContactPreferencesSchema>;
