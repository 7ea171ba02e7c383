import { useMemo } from 'react';
import { devWarning } from './devWarning.js';

/** Formatting for a widget's locale and the visitor's time zone. */
export interface LocaleFormat {
  /** A number, grouped for the locale ("1,240"). */
  number: (n: number) => string;
  /** A date, long style ("3 March 2027"). */
  date: (iso: string) => string;
  /** A time of day, short style ("14:05"). */
  time: (iso: string) => string;
}

function formatters(locale: string | undefined, timeZone: string | undefined): LocaleFormat {
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const times = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  return {
    number: (n) => numbers.format(n),
    date: (iso) => dates.format(new Date(iso)),
    time: (iso) => times.format(new Date(iso)),
  };
}

/**
 * Number and date formatting for `locale` (and the visitor's time zone) with `Intl`. A locale or time zone
 * `Intl` rejects falls back to the browser's, with a development warning, rather than breaking the page.
 */
export function useLocaleFormat(locale: string | undefined, timeZone: string | undefined): LocaleFormat {
  return useMemo(() => {
    try {
      return formatters(locale, timeZone);
    } catch {
      if (process.env.NODE_ENV !== 'production') devWarning(`Intl rejects locale "${String(locale)}" or time zone "${String(timeZone)}".`);
      return formatters(undefined, undefined);
    }
  }, [locale, timeZone]);
}
