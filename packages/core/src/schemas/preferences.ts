import * as z from 'zod/mini';
import { IdSchema, LocaleSchema, TimestampSchema } from './common.js';
import { CHANNELS, CONSENT_SOURCES, FREQUENCIES, OPT_IN_STATES } from './constants.js';
import { Text } from './feedback.js';

const Slug = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'Lower-case letters, digits, _ and -'));

/** A channel as the catalog presents it. */
export const CatalogChannelSchema = z.object({
  id: z.enum(CHANNELS),
  label: Text(80),
  /** Plain-language description, e.g. "To ada@example.com, at most once a day". */
  description: z.optional(Text(300)),
});

/** A topic the business may write about. */
export const CatalogTopicSchema = z.object({
  id: Slug,
  label: Text(120),
  /** Plain-language description of what the visitor gets. */
  description: Text(500),
  /** Channels this topic can use. */
  channels: z.array(z.enum(CHANNELS)).check(z.minLength(1)),
  /** Transactional (receipts, security): shown, explained and always on; not a marketing opt-in. */
  required: z.boolean(),
  /** Frequencies the visitor may choose; empty for none. */
  frequencies: z.array(z.enum(FREQUENCIES)),
});
export type CatalogTopic = z.infer<typeof CatalogTopicSchema>;

/** The preference catalog: every wording change makes a new version. */
export const PreferenceCatalogSchema = z.object({
  /** Version number, from 1. */
  version: z.number().check(z.int(), z.minimum(1)),
  /** SHA-256 (hex) of the catalog's exact wording: recorded with every consent given under it. */
  wordingHash: z.string(),
  channels: z.array(CatalogChannelSchema),
  topics: z.array(CatalogTopicSchema),
  /** Sentence shown above the choices, recorded with each consent. */
  statement: Text(500),
  updatedAt: TimestampSchema,
});
export type PreferenceCatalog = z.infer<typeof PreferenceCatalogSchema>;

/** One topic × channel choice. */
export const ChannelChoiceSchema = z.object({
  channel: z.enum(CHANNELS),
  state: z.enum(OPT_IN_STATES),
});

/** A contact's current choices. */
export const PreferenceStateSchema = z.object({
  topics: z.array(
    z.object({
      topicId: Slug,
      channels: z.array(ChannelChoiceSchema),
      /** Chosen frequency, `null` where the topic offers no choice. */
      frequency: z.nullable(z.enum(FREQUENCIES)),
    }),
  ),
  /** All marketing paused until this moment; `null` when not paused. */
  pausedUntil: z.nullable(TimestampSchema),
  /** Unsubscribed from all marketing (required topics still apply). */
  unsubscribedAll: z.boolean(),
});
export type PreferenceState = z.infer<typeof PreferenceStateSchema>;

/** The preferences slot of the bootstrap response. */
export const PreferencesBootstrapSchema = z.object({
  enabled: z.literal(true),
  catalog: PreferenceCatalogSchema,
  /** The visitor's choices; `null` for an anonymous visitor (no contact details to reach: sign in first). */
  state: z.nullable(PreferenceStateSchema),
});
export type PreferencesBootstrap = z.infer<typeof PreferencesBootstrapSchema>;

/**
 * Body of `PATCH /v1/visitor/preferences`: what the visitor changed, and the catalog version they saw.
 * Each change appends a consent event; a change to a stale version is refused with 409 `conflict`.
 */
export const PreferenceChangeSchema = z.strictObject({
  /** The catalog version the widget showed (its wording is what gets recorded). */
  catalogVersion: z.number().check(z.int(), z.minimum(1)),
  locale: z.optional(LocaleSchema),
  choices: z.optional(
    z.array(z.strictObject({ topicId: Slug, channel: z.enum(CHANNELS), granted: z.boolean() })).check(z.maxLength(250)),
  ),
  frequencies: z.optional(z.array(z.strictObject({ topicId: Slug, frequency: z.enum(FREQUENCIES) })).check(z.maxLength(50))),
  /** Pause all marketing until then (at most a year ahead); `null` resumes. */
  pauseUntil: z.optional(z.nullable(TimestampSchema)),
  /** `true` unsubscribes from all marketing; `false` undoes it (choices come back off). */
  unsubscribeAll: z.optional(z.boolean()),
});
export type PreferenceChange = z.infer<typeof PreferenceChangeSchema>;

/** One entry of the append-only, hash-chained consent log. */
export const ConsentEventSchema = z.object({
  id: IdSchema,
  /** Position in this contact's chain, from 1. */
  sequence: z.number(),
  contactId: IdSchema,
  /** `topic × channel`, or `null` for pause / unsubscribe-all / frequency events. */
  topicId: z.nullable(z.string()),
  channel: z.nullable(z.enum(CHANNELS)),
  action: z.enum(['granted', 'withdrawn', 'pending', 'frequency', 'paused', 'resumed', 'unsubscribed_all', 'resubscribed_all']),
  /** The frequency chosen, for `frequency` events. */
  frequency: z.nullable(z.enum(FREQUENCIES)),
  /** Until when marketing is paused, for `paused` events (`null` otherwise; absent from older servers). */
  pausedUntil: z.optional(z.nullable(TimestampSchema)),
  source: z.enum(CONSENT_SOURCES),
  /** The exact wording shown (statement, topic and channel labels and descriptions). */
  wording: z.string(),
  wordingHash: z.string(),
  catalogVersion: z.number(),
  locale: z.nullable(z.string()),
  occurredAt: TimestampSchema,
  /** For a double opt-in: when the visitor confirmed through the link. */
  confirmedAt: z.nullable(TimestampSchema),
  /** SHA-256 of the previous event's hash and this event's content. */
  hash: z.string(),
  previousHash: z.nullable(z.string()),
});
export type ConsentEvent = z.infer<typeof ConsentEventSchema>;

/** Response of `GET /v1/visitor/preferences/export`: everything held about the visitor's choices. */
export const PreferenceExportSchema = z.object({
  exportedAt: TimestampSchema,
  contact: z.object({ externalId: z.nullable(z.string()), email: z.nullable(z.string()) }),
  state: PreferenceStateSchema,
  history: z.array(ConsentEventSchema),
});
export type PreferenceExport = z.infer<typeof PreferenceExportSchema>;
