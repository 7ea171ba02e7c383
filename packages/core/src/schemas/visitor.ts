import * as z from 'zod/mini';
import { ExternalIdSchema, IdSchema, LocaleSchema, TimeZoneSchema } from './common.js';

/**
 * Claims of a visitor token: an HS256 JWT the business's server signs with the site's identity secret
 * (or that the Rapport server issues for an anonymous visitor). The server takes the contact only from here.
 */
export const VisitorTokenClaimsSchema = z.object({
  /** The contact's external id (the host app's user id), or the anonymous id for an anonymous token. */
  sub: ExternalIdSchema,
  /** Expiry, seconds since the epoch. Required: a token without one is refused. */
  exp: z.number().check(z.int()),
  /** Issued at, seconds since the epoch. */
  iat: z.optional(z.number().check(z.int())),
  /** The site id the token is for; when present it must match the publishable key's site. */
  aud: z.optional(z.string()),
  /** Set by the Rapport server on anonymous tokens it issues. */
  anon: z.optional(z.literal(true)),
  /** Display name to record as the contact's `name` trait. */
  name: z.optional(z.string().check(z.maxLength(200))),
  /** Email address to record as the contact's `email` trait. */
  email: z.optional(z.string().check(z.maxLength(320))),
});
export type VisitorTokenClaims = z.infer<typeof VisitorTokenClaimsSchema>;

/** Who the visitor is, as the browser may see it. */
export const VisitorSessionSchema = z.object({
  /** `known` when a business-signed token identified the visitor, `anonymous` otherwise. */
  kind: z.enum(['known', 'anonymous']),
  contactId: IdSchema,
  /** The host app's user id for a known visitor; `null` when anonymous. */
  externalId: z.nullable(ExternalIdSchema),
  /** The contact's `name` trait, if the business shared one. */
  displayName: z.nullable(z.string()),
  locale: z.nullable(LocaleSchema),
  timeZone: z.nullable(TimeZoneSchema),
  /**
   * A fresh anonymous token, present only when the server has just issued one (first visit, or the old one
   * expired). The client stores it and sends it from then on.
   */
  anonymousToken: z.optional(z.string()),
});
export type VisitorSession = z.infer<typeof VisitorSessionSchema>;

/** Body of `PATCH /v1/visitor/profile`: the visitor's own display settings. */
export const VisitorProfileUpdateSchema = z.strictObject({
  locale: z.optional(z.nullable(LocaleSchema)),
  timeZone: z.optional(z.nullable(TimeZoneSchema)),
});
export type VisitorProfileUpdate = z.infer<typeof VisitorProfileUpdateSchema>;
