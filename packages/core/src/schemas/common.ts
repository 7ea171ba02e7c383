import * as z from 'zod/mini';

// RFC 3339 date-time with `Z` or an offset. Written out rather than `z.iso.datetime()`: zod/mini's `iso`
// module brings every ISO format along (~0.9 kB gzipped in the browser's contract chunk; see the budgets in
// ARCHITECTURE.md).
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * False when the date part names no real day (30 February, which `Date` would roll over). A value of another
 * shape passes here: the pattern already reports it, once.
 */
function isCalendarDate(value: string): boolean {
  const [, y, m, d] = DATE_TIME.exec(value) ?? [];
  if (d === undefined) return true;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** An ISO 8601 (RFC 3339) date-time with `Z` or an offset, e.g. `2026-11-23T09:30:00.000Z`. */
export const TimestampSchema = z
  .string()
  .check(z.regex(DATE_TIME, 'An ISO 8601 date-time with Z or an offset'), z.refine(isCalendarDate, 'No such date'));

/**
 * A page of a keyset-paged list: `items` in the list's order and `nextCursor`, to pass as `cursor` for the next page
 * (`null` on the last page).
 */
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

/** Opaque server-generated identifier (prefixed, e.g. `ct_…`, `site_…`). */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(64));

/**
 * A staff member's id, chosen by the business: lower-case letters, digits, `_` and `-` (e.g. `maya`). Admin
 * only: visitors see an opaque id instead, so a slug made of a name the owner keeps private never leaks.
 */
export const StaffIdSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'Lower-case letters, digits, _ and -'));

/** The host application's own id for a user; never chosen by the browser, only by a signed token or admin. */
export const ExternalIdSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(256), z.regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces'));

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A BCP 47 language tag such as `en-GB` or `pt-BR`, checked with `Intl.getCanonicalLocales`. */
export const LocaleSchema = z
  .string()
  .check(z.maxLength(35), z.refine(isLocale, { message: 'Not a BCP 47 language tag' }));

/** An IANA time zone such as `Europe/Paris`, checked with `Intl.DateTimeFormat`. */
export const TimeZoneSchema = z
  .string()
  .check(z.maxLength(64), z.refine(isTimeZone, { message: 'Not an IANA time zone' }));

/** A value a trait may hold: short text, a number, a boolean or null. */
export const TraitValueSchema = z.union([z.string().check(z.maxLength(1000)), z.number(), z.boolean(), z.null()]);

/** What the business knows about a contact, as flat key → value pairs (at most 50 keys). */
export const TraitsSchema = z.record(z.string().check(z.minLength(1), z.maxLength(64)), TraitValueSchema).check(
  z.refine((traits) => Object.keys(traits).length <= 50, { message: 'At most 50 traits' }),
);
export type Traits = z.infer<typeof TraitsSchema>;
