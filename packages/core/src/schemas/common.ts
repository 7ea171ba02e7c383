import * as z from 'zod/mini';

/** An ISO 8601 date-time string in UTC, e.g. `2026-11-23T09:30:00.000Z`. */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** Opaque server-generated identifier (prefixed, e.g. `ct_…`, `site_…`). */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(64));

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
