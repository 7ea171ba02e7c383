import type { RapportError } from '@rapport/core';
import { resolveMessages } from '../internal/resolveMessages.js';
import { loadErrorText } from '../internal/setupRefusal.js';
import type { ContactOwnerChannel } from './ContactOwnerBadgeView.js';

/**
 * Every string a visitor reads in {@link ContactOwnerBadge}. Pass any subset as `messages` to replace them.
 * Times and dates arrive already formatted with `Intl` in the visitor's locale and time zone: `back` is a
 * moment built with `at` ("Monday at 09:00"), `until` a time today ("17:30") or such a moment. Names, roles
 * and the team come from the business.
 */
export interface ContactOwnerBadgeMessages {
  /** Names the badge (its root group). Default: `'Your contact'`. */
  label: string;
  /** Read by screen readers while loading. Default: `'Loading your contact…'`. */
  loading: string;
  /**
   * Loading failed. Default: a network-specific sentence;
   * `'This widget isn’t set up for this site yet.'` when the server refuses the page's origin or key
   * (`origin_not_allowed`, `unknown_publishable_key`); otherwise `'We couldn’t load your contact.'`.
   */
  loadError: (error: RapportError | null) => string;
  /** The retry button. Default: `'Retry'`. */
  retry: string;
  /** In now. Default: `(until) => until ? \`Available now · until ${until}\` : 'Available now'`. */
  available: (until: string | null) => string;
  /** Between shifts. Default: `(back) => back ? \`Away · back ${back}\` : 'Away'`. */
  away: (back: string | null) => string;
  /** Out of office. Default: `Out of office until ${until}` (a date), else `Out of office · back ${back}`. */
  outOfOffice: (until: string | null, back: string | null) => string;
  /** On a day off. Default: `(back) => back ? \`On holiday · back ${back}\` : 'On holiday'`. */
  holiday: (back: string | null) => string;
  /** A moment: `day` is "today", "tomorrow", a weekday or a date. Default: `(day, time) => \`${day} at ${time}\``. */
  at: (day: string, time: string) => string;
  /** The reply promise; `measured` from recent replies. Default: `Usually replies within ${duration}` (`Typically…` when measured). */
  responseTime: (duration: string, measured: boolean) => string;
  /**
   * Visible text of the chat and meeting links (the email and phone links show the address and number).
   * Default: `Email`, `Call`, `Chat`, `Book a meeting`.
   */
  channels: Record<ContactOwnerChannel, string>;
  /**
   * Accessible name of each link; it must contain the visible `value` (address or number) when there is one.
   * Default: `Email ${name}: ${value}`, `Call ${name}: ${value}`, `Chat with ${name}`, `Book a meeting with ${name}`.
   */
  channel: (kind: ContactOwnerChannel, name: string, value?: string) => string;
  /** The owner is not in and their backup is. Default: `(owner, backup) => \`${owner} is away. ${backup} is covering.\``. */
  covering: (owner: string, backup: string) => string;
  /**
   * The compact badge's one line while the owner is not in: `status` is their state in a word or two (`away`,
   * `outOfOffice` or `holiday` given no times: "Away"), `backup` the name of who covers, else `null` (the team
   * covers). Default: `(status, backup, team) => \`${status} · ${backup ?? team ?? 'Our team'} covers\``.
   */
  badgeCovering: (status: string, backup: string | null, team: string | null) => string;
  /** Nobody is in. Default: `(team) => \`${team ?? 'Our team'} will get back to you.\``. */
  team: (team: string | null) => string;
  /** No owner yet. Default: `(team) => \`${team ?? 'Our team'} is here to help.\``. */
  noOwner: (team: string | null) => string;
}

const VERBS = { email: 'Email', phone: 'Call', chat: 'Chat with', meeting: 'Book a meeting with' };

/** The English defaults of {@link ContactOwnerBadgeMessages}. */
export const defaultContactOwnerBadgeMessages: ContactOwnerBadgeMessages = {
  label: 'Your contact',
  loading: 'Loading your contact…',
  loadError: (error) => loadErrorText(error, 'We couldn’t load your contact.'),
  retry: 'Retry',
  available: (until) => (until ? `Available now · until ${until}` : 'Available now'),
  away: (back) => (back ? `Away · back ${back}` : 'Away'),
  outOfOffice: (until, back) =>
    until ? `Out of office until ${until}` : back ? `Out of office · back ${back}` : 'Out of office',
  holiday: (back) => (back ? `On holiday · back ${back}` : 'On holiday'),
  at: (day, time) => `${day} at ${time}`,
  responseTime: (duration, measured) => `${measured ? 'Typically' : 'Usually'} replies within ${duration}`,
  channels: { email: 'Email', phone: 'Call', chat: 'Chat', meeting: 'Book a meeting' },
  channel: (kind, name, value) => `${VERBS[kind]} ${name}${value ? `: ${value}` : ''}`,
  covering: (owner, backup) => `${owner} is away. ${backup} is covering.`,
  badgeCovering: (status, backup, team) => `${status} · ${backup ?? team ?? 'Our team'} covers`,
  team: (team) => `${team ?? 'Our team'} will get back to you.`,
  noOwner: (team) => `${team ?? 'Our team'} is here to help.`,
};

/** Merges overrides over the defaults; in development, warns about unknown keys and empty labels. */
export function resolveContactOwnerBadgeMessages(
  overrides?: Partial<ContactOwnerBadgeMessages>,
): ContactOwnerBadgeMessages {
  return resolveMessages('ContactOwnerBadge', defaultContactOwnerBadgeMessages, overrides);
}
