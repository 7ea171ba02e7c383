import { useBootstrap } from '@rapport/react';

/** The locale and time zone a widget formats for. */
export interface WidgetLocale {
  /** BCP 47 locale; `undefined`: the browser's. */
  locale: string | undefined;
  /** IANA time zone; `undefined`: the browser's. */
  timeZone: string | undefined;
}

/**
 * Every widget's locale fallback: its `locale` prop, else the visitor's locale, else the site's default; its
 * `timeZone` prop, else the visitor's (from the bootstrap), else the browser's. Reads the shared bootstrap: no
 * request of its own.
 */
export function useWidgetLocale(locale?: string, timeZone?: string): WidgetLocale {
  // `useBootstrap`, not `useVisitor`: no profile mutation code in widgets that never change the profile.
  const { data } = useBootstrap();
  return {
    locale: locale ?? data?.visitor.locale ?? data?.site.defaultLocale,
    timeZone: timeZone ?? data?.visitor.timeZone ?? undefined,
  };
}
