import { BUTTON_PART, createParts, LOADING_TEXT_PART } from '../parts/createPart.js';

/**
 * States of the whole center, on `PreferenceCenterView.Root`'s `data-state`: `loading`, `error` (the
 * preferences could not be loaded), `anonymous` (sign in first), `empty` (the catalog has no topics),
 * `ready`, `paused` (all marketing paused until a date), `unsubscribed` (unsubscribed from all marketing).
 */
export type PreferenceCenterState = 'loading' | 'error' | 'anonymous' | 'empty' | 'ready' | 'paused' | 'unsubscribed';

/** State of one topic × channel switch: off (the default), on, or `pending` its double opt-in confirmation. */
export type PreferenceChannelState = 'off' | 'on' | 'pending';


/**
 * The parts of the preferences center, for building your own layout around the same data. Each forwards
 * its ref, spreads props, merges `className` after its `rapport-preference-center…` class and sets
 * `data-slot` / `data-state`. `<PreferenceCenter />` is these parts wired to `usePreferences()`.
 */
export const PreferenceCenterView = createParts('preference-center', (part) => ({
  /** The container (a `<section>`; label it with `aria-labelledby` → `Title`). `state`: {@link PreferenceCenterState}. */
  Root: part<'section', PreferenceCenterState>('root', 'section'),
  /** The title row. */
  Header: part<'div'>('header', 'div'),
  /** The center's heading, an `<h2>` (for another level, render your own heading with this class). */
  Title: part<'h2'>('title', 'h2'),
  /** The business's statement shown above the choices (recorded with every consent). */
  Statement: part<'p'>('statement', 'p'),
  /** Placeholder blocks shown while loading (hidden from assistive technology). */
  Skeleton: part<'div'>('skeleton', 'div', { defaults: { 'aria-hidden': true } }),
  /** Text for screen readers while loading (visually hidden). */
  LoadingText: part<'span'>('loading-text', 'span', LOADING_TEXT_PART),
  /** The list of topics. */
  Topics: part<'div'>('topics', 'div'),
  /**
   * One topic: a `<fieldset>` grouping its channels (and frequency), named by its `TopicLegend`.
   * `state`: `marketing | required`.
   */
  Topic: part<'fieldset', 'marketing' | 'required'>('topic', 'fieldset'),
  /** The topic's label, as the fieldset's `<legend>` (business text, rendered as text). */
  TopicLegend: part<'legend'>('topic-legend', 'legend'),
  /** The topic's plain-language description; give it an `id` for the switches' `aria-describedby`. */
  TopicDescription: part<'p'>('topic-description', 'p'),
  /** The row of channel switches of a topic. */
  Channels: part<'div'>('channels', 'div'),
  /** One channel: a `<label>` around its switch and its name ("Email"). `state`: {@link PreferenceChannelState}. */
  Channel: part<'label', PreferenceChannelState>('channel', 'label'),
  /**
   * The channel's switch: a native `<input type="checkbox" role="switch">` (Space toggles it). Never pass
   * `defaultChecked`: nothing is pre-ticked. Point `aria-describedby` at the topic description.
   */
  ChannelToggle: part<'input'>('channel-toggle', 'input', { defaults: { type: 'checkbox', role: 'switch' } }),
  /** "Check your inbox to confirm", next to a switch waiting for its double opt-in. */
  Pending: part<'span'>('pending', 'span'),
  /** Why a required topic is locked on ("Always on: we need these to run your orders"). */
  Required: part<'p'>('required', 'p'),
  /** The frequency choice: a `<fieldset>` of radios (arrow keys move within it). */
  Frequency: part<'fieldset'>('frequency', 'fieldset'),
  /** The frequency group's `<legend>`. */
  FrequencyLegend: part<'legend'>('frequency-legend', 'legend'),
  /** One frequency: a `<label>` around its radio and name. `state`: `checked | unchecked`. */
  FrequencyOption: part<'label', 'checked' | 'unchecked'>('frequency-option', 'label'),
  /** The frequency's native radio (`type="radio"` by default). */
  Radio: part<'input'>('radio', 'input', { defaults: { type: 'radio' } }),
  /** The "everything" controls: pause, unsubscribe from all, export. */
  Controls: part<'div'>('controls', 'div'),
  /** Pause everything: a group (`<fieldset>`) of periods, or the paused date and Resume. `state`: `active | paused`. */
  Pause: part<'fieldset', 'active' | 'paused'>('pause', 'fieldset'),
  /** The pause group's `<legend>`. */
  PauseLegend: part<'legend'>('pause-legend', 'legend'),
  /** A button: pauses for one period, or resumes. `type="button"` by default. */
  PauseButton: part<'button'>('pause-button', 'button', BUTTON_PART),
  /** Unsubscribe from all marketing (or, once unsubscribed, Resubscribe). `state`: `subscribed | unsubscribed`. */
  UnsubscribeAll: part<'button', 'subscribed' | 'unsubscribed'>('unsubscribe-all', 'button', BUTTON_PART),
  /** A note on the current pause or unsubscribe ("Paused until 12 June 2026"). */
  Note: part<'p'>('note', 'p'),
  /** Downloads the visitor's preferences and consent history as JSON. `state`: `idle | pending`. */
  Export: part<'button', 'idle' | 'pending'>('export', 'button', BUTTON_PART),
  /**
   * Announces saves, rollbacks and downloads (`role="status"`, polite). Keep it mounted and change its
   * text. `state`: `idle | saved | failed`.
   */
  Status: part<'div', 'idle' | 'saved' | 'failed'>('status', 'div', { defaults: { role: 'status' } }),
  /** Shown to an anonymous visitor: preferences belong to a signed-in contact. */
  SignIn: part<'p'>('sign-in', 'p'),
  /** Why the preferences could not be loaded. */
  Error: part<'p'>('error', 'p'),
  /** Loads again after an error. `type="button"` by default. `state`: `idle | pending`. */
  Retry: part<'button', 'idle' | 'pending'>('retry', 'button', BUTTON_PART),
}));

/** The type of {@link PreferenceCenterView}. */
export type PreferenceCenterParts = typeof PreferenceCenterView;
