import { useMemo } from 'react';
import { useLocaleFormat, type LocaleFormat } from '../internal/useLocaleFormat.js';

/** {@link LocaleFormat} plus what the badge says about moments and reply times. */
export interface OwnerFormat extends LocaleFormat {
  /** The calendar day of an instant, in the visitor's zone: "today", "tomorrow", a weekday within the week, else a date. */
  day: (iso: string) => string;
  /** Whether an instant falls on today's date in the visitor's zone. */
  isToday: (iso: string) => boolean;
  /** Minutes as a rounded-up duration in words: "45 minutes", "2 hours", "1 day". */
  duration: (minutes: number) => string;
}

const DAY_MS = 86_400_000;

function extras(base: LocaleFormat, locale: string | undefined, timeZone: string | undefined) {
  // Calendar dates in the visitor's zone, read from parts in a fixed Latin-digit locale so they parse as numbers.
  const ymd = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  const dayNumber = (ms: number) => {
    const parts: Record<string, string> = {};
    for (const { type, value } of ymd.formatToParts(ms)) parts[type] = value;
    return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!) / DAY_MS;
  };
  const offset = (iso: string) => dayNumber(Date.parse(iso)) - dayNumber(Date.now());
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone });
  return {
    day: (iso: string) => {
      const days = offset(iso);
      return days === 0 || days === 1
        ? relative.format(days, 'day')
        : days > 1 && days < 7
          ? weekday.format(Date.parse(iso))
          : base.date(iso);
    },
    isToday: (iso: string) => offset(iso) === 0,
    duration: (minutes: number) => {
      const [n, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 1440 ? [minutes / 60, 'hour'] : [minutes / 1440, 'day'];
      return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(Math.ceil(n));
    },
  };
}

/**
 * {@link useLocaleFormat} for the badge: moments ("tomorrow", "Monday") compare calendar dates in the visitor's
 * time zone with `Intl` (no time-zone arithmetic of our own), and reply times read as words. A locale `Intl`
 * rejects falls back to the browser's (useLocaleFormat has warned).
 */
export function useOwnerFormat(locale: string | undefined, timeZone: string | undefined): OwnerFormat {
  const base = useLocaleFormat(locale, timeZone);
  return useMemo(() => {
    try {
      return { ...base, ...extras(base, locale, timeZone) };
    } catch {
      return { ...base, ...extras(base, undefined, undefined) };
    }
  }, [base, locale, timeZone]);
}
