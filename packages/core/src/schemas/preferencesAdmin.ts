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
export const PendingConfirmationListSchema = z.object({ items: z.array(PendingConfirmationSchema) });

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
