import * as z from 'zod/mini';
import { TimestampSchema } from './common.js';
import { AVAILABILITY_STATES } from './constants.js';

// What the browser sees of its contact owner. Kept apart from the admin schemas (owner.ts) so the browser's
// contract chunk carries only these. Every instant is UTC ISO 8601: the browser formats it in the visitor's
// own time zone with Intl, and does no time-zone arithmetic of its own.

/**
 * Whether an owner is in, computed by the server from their weekly hours in their own time zone, their
 * holidays and their out-of-office.
 */
export const AvailabilitySchema = z.object({
  /** `available` inside a shift; otherwise why not (out of office wins over a holiday, a holiday over `away`). */
  state: z.enum(AVAILABILITY_STATES),
  /** While available: when the current shift ends. Otherwise `null`. */
  until: z.nullable(TimestampSchema),
  /**
   * While not available: the start of the next shift that is neither on a holiday nor inside the out-of-office
   * ("Back Monday at 9:00"); `null` when there is none in the next two weeks.
   */
  nextAvailableAt: z.nullable(TimestampSchema),
  /** While out of office: the return date the owner gave. Otherwise `null`. */
  returnDate: z.nullable(TimestampSchema),
});
export type Availability = z.infer<typeof AvailabilitySchema>;

/**
 * A contact owner as the visitor sees them: only what the owner chose to show. Fields they did not allow
 * are absent (never `null`), so nothing private is on the wire.
 */
export const PublicOwnerSchema = z.object({
  /** Opaque, stable id (not the business's staff id). */
  id: z.string(),
  /** The alias the owner chose, otherwise their display name. */
  name: z.string(),
  /** Up to two letters from `name`, for the avatar fallback. */
  initials: z.string(),
  role: z.optional(z.string()),
  /** An https URL. */
  photoUrl: z.optional(z.string()),
  /** The ways to reach the owner they chose to show. */
  channels: z.object({
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
    /** An https link to a chat. */
    chatUrl: z.optional(z.string()),
    /** An https link to book a meeting. */
    meetingUrl: z.optional(z.string()),
  }),
  /** "Usually replies within …": fixed by the owner, or `measured` from their recent replies. */
  responseTime: z.optional(z.object({ minutes: z.number(), measured: z.boolean() })),
});
export type PublicOwner = z.infer<typeof PublicOwnerSchema>;

/** Someone covering for an owner who is not in: the first active backup along the backup chain who is in. */
export const OwnerCoveringSchema = z.object({
  owner: PublicOwnerSchema,
  availability: AvailabilitySchema,
});
export type OwnerCovering = z.infer<typeof OwnerCoveringSchema>;

/**
 * The bootstrap's owner slot, and `GET /v1/visitor/owner`. `owner` is `null` while the contact has none.
 * `covering` is, when the owner is not available, the first active person along their backup chain (their backup,
 * that person's backup, … up to five deep) who is available; `null` when nobody is (show the team):
 * nobody offline is ever presented as available.
 */
export const OwnerBootstrapSchema = z.object({
  enabled: z.literal(true),
  owner: z.nullable(PublicOwnerSchema),
  /** The owner's availability; `null` without an owner. */
  availability: z.nullable(AvailabilitySchema),
  covering: z.nullable(OwnerCoveringSchema),
  /** The team's name, to show when nobody is covering; `null` when the business set none. */
  team: z.nullable(z.object({ name: z.string() })),
  /** When this answer next changes (a shift starts or ends): fetch `GET /v1/visitor/owner` again then. */
  refreshAt: z.nullable(TimestampSchema),
});
export type OwnerBootstrap = z.infer<typeof OwnerBootstrapSchema>;
