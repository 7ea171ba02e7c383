import * as z from 'zod/mini';
import { ExternalIdSchema, IdSchema, StaffIdSchema, TimeZoneSchema, TimestampSchema } from './common.js';
import { ASSIGNMENT_METHODS, OWNER_VISIBLE_FIELDS, WEEKDAYS } from './constants.js';
import { Text } from './feedback.js';
import { FeedbackResponseSchema } from './feedbackAdmin.js';
import { AvailabilitySchema } from './ownerVisitor.js';

// The business's side of contact owners (secret key): staff, their hours, assignments, settings.

/** A wall-clock time in the staff member's zone, `HH:MM` from 00:00 to 23:59. */
const WallClock = z.string().check(z.regex(/^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM from 00:00 to 23:59'));
const HttpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain }).check(z.maxLength(500));
const Minutes = z.number().check(z.int(), z.minimum(1), z.maximum(10_080));

/**
 * One shift of the weekly hours, in the staff member's time zone. `day` is `'sun'`…`'sat'` or 0–6 (Sunday = 0).
 * An `end` at or before `start` runs past midnight into the next day (Fri 22:00–06:00 ends Saturday 06:00).
 * Several shifts on one day make a split shift (09:00–12:30 and 13:30–17:30).
 */
export const ShiftSchema = z.strictObject({
  day: z.union([z.enum(WEEKDAYS), z.number().check(z.int(), z.minimum(0), z.maximum(6))]),
  start: WallClock,
  end: WallClock,
});
export type Shift = z.infer<typeof ShiftSchema>;

/** A day off: the whole day, midnight to midnight, in the staff member's time zone. */
export const HolidaySchema = z.strictObject({ date: z.iso.date(), label: z.optional(Text(80)) });
export type Holiday = z.infer<typeof HolidaySchema>;

/** Away from `from` until `until` (the return date, shown to visitors). */
export const OutOfOfficeSchema = z
  .strictObject({ from: TimestampSchema, until: TimestampSchema, note: z.optional(Text(200)) })
  .check(z.refine((ooo) => Date.parse(ooo.until) > Date.parse(ooo.from), { message: 'Must be after from', path: ['until'] }));
export type OutOfOffice = z.infer<typeof OutOfOfficeSchema>;

/** "Usually replies within …": a fixed promise, or measured from recent replies (`fallbackMinutes` until there are enough). */
export const ResponseTimeSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('fixed'), minutes: Minutes }),
  z.strictObject({ mode: z.literal('measured'), fallbackMinutes: Minutes }),
]);
export type ResponseTime = z.infer<typeof ResponseTimeSchema>;

const VisibleFields = z
  .array(z.enum(OWNER_VISIBLE_FIELDS))
  .check(z.refine((fields) => new Set(fields).size === fields.length, { message: 'Each field once' }));

/** Body of `PUT /v1/admin/staff/{staffId}`: the whole staff member (PUT replaces). */
export const StaffInputSchema = z.strictObject({
  /** Their name. Visitors see it unless `alias` is set. */
  displayName: Text(80),
  /** The name visitors see instead of `displayName`. Default: none. */
  alias: z.optional(Text(80)),
  /** "Account manager". Default: none. */
  role: z.optional(Text(80)),
  /** An https URL of their photo. Default: none (visitors see initials). */
  photoUrl: z.optional(HttpsUrl),
  email: z.optional(z.email().check(z.maxLength(254))),
  phone: z.optional(z.string().check(z.regex(/^\+?[0-9][0-9 ().-]{2,30}$/, 'A phone number: digits, spaces, + ( ) . -'))),
  /** An https link to a chat with them. */
  chatUrl: z.optional(HttpsUrl),
  /** An https link to book a meeting with them. */
  meetingUrl: z.optional(HttpsUrl),
  /** Their IANA time zone: the weekly hours and holidays are in it. */
  timeZone: TimeZoneSchema,
  /** Default: none (never available). */
  weeklyHours: z.optional(z.array(ShiftSchema).check(z.maxLength(50))),
  /** Default: none. */
  holidays: z.optional(z.array(HolidaySchema).check(z.maxLength(400))),
  /** Default: `null` (in). */
  outOfOffice: z.optional(z.nullable(OutOfOfficeSchema)),
  /** Who covers while they are not in: another staff member of this site. Default: `null` (the team). */
  backupStaffId: z.optional(z.nullable(StaffIdSchema)),
  /** Default: `null` (no promise shown). */
  responseTime: z.optional(z.nullable(ResponseTimeSchema)),
  /** What visitors may see besides the name. Default: `['role', 'responseTime']` (privacy first). */
  visibleFields: z.optional(VisibleFields),
  /** An inactive staff member owns nobody and is never assigned. Default: `true`. */
  active: z.optional(z.boolean()),
});
export type StaffInput = z.infer<typeof StaffInputSchema>;

/** A staff member as stored (shifts name their day), with their availability now and how many contacts they own. */
export const StaffSchema = z.object({
  id: StaffIdSchema,
  displayName: z.string(),
  alias: z.nullable(z.string()),
  role: z.nullable(z.string()),
  photoUrl: z.nullable(z.string()),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  chatUrl: z.nullable(z.string()),
  meetingUrl: z.nullable(z.string()),
  timeZone: z.string(),
  weeklyHours: z.array(z.object({ day: z.enum(WEEKDAYS), start: z.string(), end: z.string() })),
  holidays: z.array(z.object({ date: z.string(), label: z.optional(z.string()) })),
  outOfOffice: z.nullable(z.object({ from: TimestampSchema, until: TimestampSchema, note: z.optional(z.string()) })),
  backupStaffId: z.nullable(StaffIdSchema),
  responseTime: z.nullable(ResponseTimeSchema),
  visibleFields: z.array(z.enum(OWNER_VISIBLE_FIELDS)),
  active: z.boolean(),
  availability: AvailabilitySchema,
  /** Contacts they own now. */
  ownedContacts: z.number(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Staff = z.infer<typeof StaffSchema>;

/** `GET /v1/admin/staff`: every staff member, by id. */
export const StaffListSchema = z.object({ items: z.array(StaffSchema) });
export type StaffList = z.infer<typeof StaffListSchema>;

/** `DELETE /v1/admin/staff/{staffId}`: the deactivated staff member and where their contacts went. */
export const StaffRemovalSchema = z.object({
  staff: StaffSchema,
  /** Contacts handed to the backup (active and available now), and contacts left without an owner. */
  handedOver: z.object({ toBackup: z.number(), unowned: z.number() }),
});
export type StaffRemoval = z.infer<typeof StaffRemovalSchema>;

/** Site-wide owner settings (`GET`/`PUT /v1/admin/owner-settings`). */
export const OwnerSettingsSchema = z.strictObject({
  /** Give a new signed-in contact without an owner to the available staff member assigned least recently. */
  roundRobin: z.boolean(),
  /** Use each owner's measured reply time where their `responseTime` is `measured`. */
  measuredResponseTime: z.boolean(),
  /** Shown when nobody is in to cover ("The Northwind team"). */
  teamName: z.nullable(Text(80)),
});
export type OwnerSettings = z.infer<typeof OwnerSettingsSchema>;

/** Body of `POST /v1/admin/touches`: a staff member replied to or served a contact. */
export const TouchSchema = z.strictObject({
  externalId: ExternalIdSchema,
  staffId: StaffIdSchema,
  kind: z.enum(['reply', 'served']),
});
export type Touch = z.infer<typeof TouchSchema>;

/** Body of `PUT /v1/admin/contacts/{externalId}/owner`: reassign by hand. */
export const OwnerAssignmentInputSchema = z.strictObject({
  staffId: StaffIdSchema,
  /** Why ("Moved to the wholesale team"). */
  note: z.optional(Text(300)),
  /** The staff member making the change. Default: the business (`admin`). */
  by: z.optional(StaffIdSchema),
});
export type OwnerAssignmentInput = z.infer<typeof OwnerAssignmentInputSchema>;

/** One line of a contact's assignment history (append-only). `staffId` `null`: left without an owner. */
export const AssignmentSchema = z.object({
  id: IdSchema,
  staffId: z.nullable(StaffIdSchema),
  method: z.enum(ASSIGNMENT_METHODS),
  /** Who made it: a staff id, `admin` (secret key) or `system` (round-robin, hand-over). */
  by: z.string(),
  at: TimestampSchema,
  note: z.nullable(z.string()),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

/** A contact's owner now, and every assignment, oldest first. */
export const ContactOwnerSchema = z.object({
  contactId: IdSchema,
  externalId: z.nullable(ExternalIdSchema),
  owner: z.nullable(
    z.object({
      staffId: StaffIdSchema,
      displayName: z.string(),
      method: z.enum(ASSIGNMENT_METHODS),
      by: z.string(),
      assignedAt: TimestampSchema,
      availability: AvailabilitySchema,
    }),
  ),
  history: z.array(AssignmentSchema),
});
export type ContactOwner = z.infer<typeof ContactOwnerSchema>;

/** Answer of `POST /v1/admin/touches`. */
export const TouchResultSchema = z.object({
  /** True when this touch made the staff member the owner. */
  assigned: z.boolean(),
  /** Why not: the contact has an owner already, or the staff member is not in (nobody away is assigned). */
  reason: z.nullable(z.enum(['already_owned', 'staff_unavailable'])),
  contact: ContactOwnerSchema,
});
export type TouchResult = z.infer<typeof TouchResultSchema>;

/** Open "contact me" requests of the contacts one staff member owns, newest first. */
export const StaffContactRequestsSchema = z.object({
  staffId: StaffIdSchema,
  items: z.array(FeedbackResponseSchema),
});
export type StaffContactRequests = z.infer<typeof StaffContactRequestsSchema>;

/** Open "contact me" requests grouped by owner; the group with `staffId` `null` is the unowned contacts'. */
export const OwnerContactRequestGroupsSchema = z.object({
  groups: z.array(
    z.object({ staffId: z.nullable(StaffIdSchema), displayName: z.nullable(z.string()), items: z.array(FeedbackResponseSchema) }),
  ),
});
export type OwnerContactRequestGroups = z.infer<typeof OwnerContactRequestGroupsSchema>;
