import type { Channel, Frequency, RapportError } from '@rapport/core';
import { resolveMessages } from '../internal/resolveMessages.js';
import { loadErrorText } from '../internal/setupRefusal.js';

/** A pause period the visitor can choose. */
export type PausePeriod = 'week' | 'month' | 'quarter';

/**
 * Every string a visitor reads in {@link PreferenceCenter}. Pass any subset as `messages` to replace them.
 * Dates arrive already formatted with `Intl` for the center's locale. Topic and channel wording comes from the
 * business's catalog, not from here (it is what the consent record holds).
 */
export interface PreferenceCenterMessages {
  /** The heading. Default: `'Communication preferences'`. */
  title: string;
  /** Read by screen readers while loading. Default: `'Loading your preferences…'`. */
  loading: string;
  /**
   * The preferences could not be loaded. Default: a network-specific sentence;
   * `'This widget isn’t set up for this site yet.'` when the server refuses the page's origin or key
   * (`origin_not_allowed`, `unknown_publishable_key`); otherwise `'We couldn’t load your preferences.'`.
   */
  loadError: (error: RapportError | null) => string;
  /** The retry button. Default: `'Retry'`. */
  retry: string;
  /** For an anonymous visitor. Default: `'Sign in to choose what we send you.'`. */
  signIn: string;
  /** The catalog has no topics. Default: `'There’s nothing to choose yet: we don’t send any marketing.'`. */
  empty: string;
  /** A channel's name when the catalog does not label it. Default: `Email`, `SMS`, `Push notifications`, `Post`, `Phone`. */
  channel: Record<Channel, string>;
  /** Next to an email switch waiting for its double opt-in. Default: `'Check your inbox to confirm'`. */
  pending: string;
  /** Why a required topic is locked on. Default: `'Always on: we need these to run your orders'`. */
  required: string;
  /** The frequency group's legend. Default: `'How often'`. */
  frequency: string;
  /** Frequency names. Default: `As it happens`, `Daily digest`, `Weekly digest`. */
  frequencies: Record<Frequency, string>;
  /** The pause group's legend. Default: `'Pause everything'`. */
  pause: string;
  /** A pause button. Default: `Pause for 1 week`, `Pause for 1 month`, `Pause for 3 months`. */
  pauseFor: Record<PausePeriod, string>;
  /** The note while paused. Default: `(date) => \`Paused until ${date}\``. */
  pausedUntil: (date: string) => string;
  /** Ends a pause. Default: `'Resume now'`. */
  resume: string;
  /** Unsubscribes from all marketing. Default: `'Unsubscribe from all marketing'`. */
  unsubscribeAll: string;
  /** The note once unsubscribed. Default: `'You’re unsubscribed from all marketing. Orders and account messages still arrive.'`. */
  unsubscribed: string;
  /** Undoes the unsubscribe. Default: `'Resubscribe'`. */
  resubscribe: string;
  /** The export button. Default: `'Download my preferences and consent history (JSON)'`. */
  exportData: string;
  /** The export button while preparing. Default: `'Preparing download…'`. */
  exporting: string;
  /** The downloaded file's name. Default: `'my-preferences.json'`. */
  exportFileName: string;
  /** Announced when the download starts. Default: `'Your download has started.'`. */
  exported: string;
  /** Announced when the export failed. Default: `(error) => \`We couldn’t prepare your download: ${error.message}\``. */
  exportError: (error: RapportError) => string;
  /** Announced after a change was saved. Default: `'Saved.'`. */
  saved: string;
  /** Announced after a change was refused and rolled back. Default: `(error) => \`Not saved — we put it back as it was. ${error.message}\``. */
  rolledBack: (error: RapportError) => string;
}

/** The English defaults of {@link PreferenceCenterMessages}. */
export const defaultPreferenceCenterMessages: PreferenceCenterMessages = {
  title: 'Communication preferences',
  loading: 'Loading your preferences…',
  loadError: (error) => loadErrorText(error, 'We couldn’t load your preferences.'),
  retry: 'Retry',
  signIn: 'Sign in to choose what we send you.',
  empty: 'There’s nothing to choose yet: we don’t send any marketing.',
  channel: { email: 'Email', sms: 'SMS', push: 'Push notifications', post: 'Post', phone: 'Phone' },
  pending: 'Check your inbox to confirm',
  required: 'Always on: we need these to run your orders',
  frequency: 'How often',
  frequencies: { immediately: 'As it happens', daily: 'Daily digest', weekly: 'Weekly digest' },
  pause: 'Pause everything',
  pauseFor: { week: 'Pause for 1 week', month: 'Pause for 1 month', quarter: 'Pause for 3 months' },
  pausedUntil: (date) => `Paused until ${date}`,
  resume: 'Resume now',
  unsubscribeAll: 'Unsubscribe from all marketing',
  unsubscribed: 'You’re unsubscribed from all marketing. Orders and account messages still arrive.',
  resubscribe: 'Resubscribe',
  exportData: 'Download my preferences and consent history (JSON)',
  exporting: 'Preparing download…',
  exportFileName: 'my-preferences.json',
  exported: 'Your download has started.',
  exportError: (error) => `We couldn’t prepare your download: ${error.message}`,
  saved: 'Saved.',
  rolledBack: (error) => `Not saved — we put it back as it was. ${error.message}`,
};

/** Merges overrides over the defaults; in development, warns about unknown keys and empty labels. */
export function resolvePreferenceCenterMessages(overrides?: Partial<PreferenceCenterMessages>): PreferenceCenterMessages {
  return resolveMessages('PreferenceCenter', defaultPreferenceCenterMessages, overrides);
}
