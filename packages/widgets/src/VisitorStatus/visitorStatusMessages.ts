import type { RapportError } from '@rapport/core';
import { resolveMessages } from '../internal/resolveMessages.js';
import { loadErrorText } from '../internal/setupRefusal.js';

/** Every string a visitor reads in {@link VisitorStatus}. Pass any subset as `messages` to replace them. */
export interface VisitorStatusMessages {
  /** A known visitor with a name. Default: `(name) => \`Signed in as ${name}\``. */
  signedInAs: (name: string) => string;
  /** A known visitor the business shared no name for. Default: `'Signed in'`. */
  signedIn: string;
  /** An anonymous visitor. Default: `'Browsing as a guest'`. */
  guest: string;
  /** The line naming the site. Default: `(siteName) => \`on ${siteName}\``. */
  site: (siteName: string) => string;
  /** Read by screen readers while loading. Default: `'Loading your visitor status…'`. */
  loading: string;
  /**
   * Shown when loading failed. Default: a network-specific sentence;
   * `'This widget isn’t set up for this site yet.'` when the server refuses the page's origin or key
   * (`origin_not_allowed`, `unknown_publishable_key`); otherwise `'We couldn’t load your visitor status.'`.
   * Never the server's own message.
   */
  error: (error: RapportError) => string;
  /** The retry button's label. Default: `'Retry'`. */
  retry: string;
  /** The retry button's label while retrying. Default: `'Retrying…'`. */
  retrying: string;
}

/** The English defaults of {@link VisitorStatusMessages}. */
export const defaultVisitorStatusMessages: VisitorStatusMessages = {
  signedInAs: (name) => `Signed in as ${name}`,
  signedIn: 'Signed in',
  guest: 'Browsing as a guest',
  site: (siteName) => `on ${siteName}`,
  loading: 'Loading your visitor status…',
  error: (error) => loadErrorText(error, 'We couldn’t load your visitor status.'),
  retry: 'Retry',
  retrying: 'Retrying…',
};

/** Merges overrides over the defaults; in development, warns about unknown keys and empty labels. */
export function resolveVisitorStatusMessages(overrides?: Partial<VisitorStatusMessages>): VisitorStatusMessages {
  return resolveMessages('VisitorStatus', defaultVisitorStatusMessages, overrides);
}
