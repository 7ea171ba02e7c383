import { useMemo } from 'react';
import { devWarning } from '../internal/devWarning.js';
import type { PanelFormat } from './FeedbackPromptPanel.js';

function formatters(locale: string | undefined, timeZone: string | undefined): PanelFormat {
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  return { number: (n) => numbers.format(n), date: (iso) => dates.format(new Date(iso)) };
}

/**
 * Number and date formatting for `locale` (and the visitor's time zone) with `Intl`. A locale or time zone
 * `Intl` rejects falls back to the browser's, with a development warning, rather than breaking the page.
 */
export function useLocaleFormat(locale: string | undefined, timeZone: string | undefined): PanelFormat {
  return useMemo(() => {
    try {
      return formatters(locale, timeZone);
    } catch {
      devWarning(`<FeedbackPrompt>: Intl rejects locale "${String(locale)}" or time zone "${String(timeZone)}".`);
      return formatters(undefined, undefined);
    }
  }, [locale, timeZone]);
}
