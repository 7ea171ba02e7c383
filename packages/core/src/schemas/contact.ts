import * as z from 'zod/mini';
import { ExternalIdSchema, IdSchema, LocaleSchema, TimeZoneSchema, TimestampSchema, TraitsSchema, pageOf } from './common.js';

/** A contact as the business (admin API) sees it. */
export const ContactSchema = z.object({
  id: IdSchema,
  /** The host app's user id; `null` for an anonymous visitor. */
  externalId: z.nullable(ExternalIdSchema),
  /** True for a visitor known only by a server-issued anonymous id. */
  anonymous: z.boolean(),
  traits: TraitsSchema,
  locale: z.nullable(LocaleSchema),
  timeZone: z.nullable(TimeZoneSchema),
  /** When an anonymous contact was merged into a known one, the id it now lives on. */
  mergedIntoId: z.nullable(IdSchema),
  createdAt: TimestampSchema,
  lastSeenAt: TimestampSchema,
});
export type Contact = z.infer<typeof ContactSchema>;

/** Body of `PUT /v1/admin/contacts/{externalId}`: create or update a known contact from the business's server. */
export const ContactUpsertSchema = z.strictObject({
  /** Traits to merge into the stored ones; a `null` value removes that trait. */
  traits: z.optional(TraitsSchema),
  locale: z.optional(z.nullable(LocaleSchema)),
  timeZone: z.optional(z.nullable(TimeZoneSchema)),
});
export type ContactUpsert = z.infer<typeof ContactUpsertSchema>;

/** A page of contacts, newest first. */
export const ContactPageSchema = pageOf(ContactSchema);
export type ContactPage = z.infer<typeof ContactPageSchema>;

/** Query of `GET /v1/admin/contacts`. */
export const ContactListQuerySchema = z.strictObject({
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9][0-9]|100)$/, 'A whole number from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});
