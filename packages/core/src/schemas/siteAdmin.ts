import * as z from 'zod/mini';
import { IdSchema, LocaleSchema, TimestampSchema } from './common.js';
import { WIDGET_NAMES } from './constants.js';

// A site managing itself with its secret key: its publishable keys and their origins, its secret keys, its
// identity secret. Server side only (admin routes, @rapport/node): kept out of the browser's contract chunk.

/** Longest grace period of a rotated identity secret: 90 days. */
export const MAX_IDENTITY_SECRET_GRACE_SECONDS = 90 * 86_400;

/** Grace period of a rotated identity secret unless told otherwise: 7 days. */
export const DEFAULT_IDENTITY_SECRET_GRACE_SECONDS = 7 * 86_400;

/**
 * An origin a publishable key may be used from: `https://shop.example.com`, `http://localhost:5173`, or every
 * subdomain of a domain, `https://*.example.com`. The server normalises it (lower case, no default port, no
 * trailing slash) and refuses `*`, paths, other schemes and missing schemes (422 `validation_failed`).
 */
export const SiteOriginSchema = z.string().check(z.minLength(1), z.maxLength(300));

/** A publishable key of the site, with the origins it allows. */
export const PublishableKeySchema = z.object({
  key: z.string(),
  allowedOrigins: z.array(z.string()),
  createdAt: TimestampSchema,
  /** When it was revoked; a revoked key is refused at once. */
  revokedAt: z.nullable(TimestampSchema),
});
export type PublishableKey = z.infer<typeof PublishableKeySchema>;

/** A secret key of the site as stored: never the key itself (only its hash is kept), but its first characters. */
export const SecretKeyInfoSchema = z.object({
  id: IdSchema,
  /** The first characters of the key (`sk_live_` and four more), to recognise it by. */
  prefix: z.string(),
  createdAt: TimestampSchema,
  revokedAt: z.nullable(TimestampSchema),
});
export type SecretKeyInfo = z.infer<typeof SecretKeyInfoSchema>;

/** A new secret key: the only response that carries the key in clear. */
export const CreatedSecretKeySchema = z.object({
  id: IdSchema,
  prefix: z.string(),
  /** The key. Shown this once: store it in your server's secrets now. */
  secretKey: z.string(),
  createdAt: TimestampSchema,
});
export type CreatedSecretKey = z.infer<typeof CreatedSecretKeySchema>;

/** Where the site's identity secret stands (never the secret itself). */
export const IdentitySecretStatusSchema = z.object({
  /** When it was last rotated; `null` when never. */
  rotatedAt: z.nullable(TimestampSchema),
  /** Until when tokens signed with the previous identity secret still verify; `null` when none does. */
  previousValidUntil: z.nullable(TimestampSchema),
});

/** Result of `GET /v1/admin/site`: the site, its keys and origins. No secret is ever included. */
export const SiteAdminSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  defaultLocale: LocaleSchema,
  enabledWidgets: z.array(z.enum(WIDGET_NAMES)),
  createdAt: TimestampSchema,
  publishableKeys: z.array(PublishableKeySchema),
  secretKeys: z.array(SecretKeyInfoSchema),
  identitySecret: IdentitySecretStatusSchema,
});
export type SiteAdmin = z.infer<typeof SiteAdminSchema>;

/** Body of `POST /v1/admin/site/publishable-keys`. */
export const PublishableKeyCreateSchema = z.strictObject({
  /** Origins the new key allows. Default: the origins of the site's current keys (a key to rotate to). */
  allowedOrigins: z.optional(z.array(SiteOriginSchema).check(z.maxLength(50))),
});
export type PublishableKeyCreate = z.infer<typeof PublishableKeyCreateSchema>;

/** Body of `POST /v1/admin/site/publishable-keys/{key}/origins`. */
export const OriginAddSchema = z.strictObject({ origin: SiteOriginSchema });

/** Query of `DELETE /v1/admin/site/publishable-keys/{key}/origins`. */
export const OriginRemoveQuerySchema = z.strictObject({ origin: SiteOriginSchema });

/** Body of `POST /v1/admin/site/identity-secret/rotate`. */
export const IdentitySecretRotateSchema = z.strictObject({
  /**
   * How long tokens signed with the previous identity secret keep verifying, in seconds; 0 ends them at once
   * (a leaked secret). Default: 604800 (7 days).
   */
  graceSeconds: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(MAX_IDENTITY_SECRET_GRACE_SECONDS))),
});
export type IdentitySecretRotate = z.infer<typeof IdentitySecretRotateSchema>;

/** Result of `POST /v1/admin/site/identity-secret/rotate`: the new identity secret, shown this once. */
export const IdentitySecretRotatedSchema = z.object({
  identitySecret: z.string(),
  rotatedAt: TimestampSchema,
  previousValidUntil: z.nullable(TimestampSchema),
});
export type IdentitySecretRotated = z.infer<typeof IdentitySecretRotatedSchema>;
