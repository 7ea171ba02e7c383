import type { AvailabilityState } from '@rapport/core';
import { BUTTON_PART, createParts, LOADING_TEXT_PART } from '../parts/createPart.js';

/**
 * States of the whole badge, on `ContactOwnerBadgeView.Root`'s `data-state`: `loading`, `error` (it could not
 * be loaded), `ready` (the visitor has an owner), `no-owner` (nobody yet: the team is shown), and `disabled`
 * (the site has the badge switched off: `<ContactOwnerBadge />` then renders nothing; the state is there for
 * layouts of your own).
 */
export type ContactOwnerBadgeState = 'loading' | 'error' | 'ready' | 'no-owner' | 'disabled';

/** A way to reach a person, on a `Channel`'s `data-state`. */
export type ContactOwnerChannel = 'email' | 'phone' | 'chat' | 'meeting';

const hidden = { defaults: { 'aria-hidden': true } } as const;

/**
 * The parts of the contact-owner badge, for building your own layout around the same data. Each forwards its
 * ref, spreads props, merges `className` after its `rapport-contact-owner-badge…` class (and the former
 * `rapport-owner-badge…` one, which still works) and sets `data-slot` (`owner-badge-<part>`, unchanged) /
 * `data-state`. `<ContactOwnerBadge />` is these parts wired to `useContactOwner()`.
 */
export const ContactOwnerBadgeView = createParts('contact-owner-badge', (part) => ({
  /**
   * The container, a `role="group"` `<div>`: name it with `aria-label`. `state`: {@link ContactOwnerBadgeState}.
   * `<ContactOwnerBadge />` also sets `data-availability` (the owner's state) and `data-variant`.
   */
  Root: part<'div', ContactOwnerBadgeState>('root', 'div', { defaults: { role: 'group' } }),
  /** One person: avatar and details. `state`: `owner | covering` (the backup standing in). */
  Person: part<'div', 'owner' | 'covering'>('person', 'div'),
  /** The round avatar holding `Photo` or `Initials`, and the `Dot`. `state`: `photo | initials`. */
  Avatar: part<'span', 'photo' | 'initials'>('avatar', 'span'),
  /**
   * The photo. `alt=""` by default: it is decorative next to the `Name`. Used on its own, pass `alt={name}`.
   * Swap it for `Initials` on `error` (a broken link).
   */
  Photo: part<'img'>('photo', 'img', { defaults: { alt: '' } }),
  /** Up to two letters, when there is no photo; hidden from assistive technology (the `Name` says it). */
  Initials: part<'span'>('initials', 'span', hidden),
  /** The coloured availability dot, hidden from assistive technology: `Availability` says it in words. */
  Dot: part<'span', AvailabilityState>('dot', 'span', hidden),
  /** Everything beside the avatar. */
  Details: part<'div'>('details', 'div'),
  /** The person's name (the alias they chose). */
  Name: part<'p'>('name', 'p'),
  /** Their role ("Account manager"). */
  Role: part<'p'>('role', 'p'),
  /**
   * Whether they are in, in words ("Away · back Monday at 09:00"). `state`: the availability state
   * (`available | away | out_of_office | holiday`). Give it `role="status"` to announce live changes.
   */
  Availability: part<'p', AvailabilityState>('availability', 'p'),
  /** The reply promise ("Usually replies within 2 hours"). `state`: `fixed | measured`. */
  ResponseTime: part<'p', 'fixed' | 'measured'>('response-time', 'p'),
  /** The ways to reach them, a `<ul>` of `<li>` around each `Channel`. */
  Channels: part<'ul'>('channels', 'ul'),
  /** A link (`mailto:`, `tel:`, chat, meeting booking); name it with `aria-label`. `state`: {@link ContactOwnerChannel}. */
  Channel: part<'a', ContactOwnerChannel>('channel', 'a'),
  /** Who stands in while the owner is not in ("Maya P. is away. Sam R. is covering"). */
  Covering: part<'p'>('covering', 'p'),
  /** The team, when nobody is in or there is no owner yet. `state`: `away | no-owner`. */
  Team: part<'p', 'away' | 'no-owner'>('team', 'p'),
  /** Why loading failed. */
  Error: part<'p'>('error', 'p'),
  /** Loads again after an error. `type="button"` by default. `state`: `idle | pending`. */
  Retry: part<'button', 'idle' | 'pending'>('retry', 'button', BUTTON_PART),
  /** Placeholder shapes shown while loading (hidden from assistive technology). */
  Skeleton: part<'span'>('skeleton', 'span', hidden),
  /** Text for screen readers while loading (visually hidden). */
  LoadingText: part<'span'>('loading-text', 'span', LOADING_TEXT_PART),
}), 'owner-badge');

/** The type of {@link ContactOwnerBadgeView}. */
export type ContactOwnerBadgeParts = typeof ContactOwnerBadgeView;
