// Public types of the preferences hooks. The widget (`@rapport/widgets`) codes against this file: keep it stable.
import type {
  Channel,
  Frequency,
  OptInState,
  PreferenceCatalog,
  PreferenceExport,
  PreferenceState,
  RapportError,
} from '@rapport/core';
import type { RapportQueryStatus } from '../RapportQueryStatus.js';

/** Options of {@link usePreferences}. */
export interface PreferencesOptions {
  /**
   * Locale of the wording the visitor sees, recorded with each consent (e.g. `en-GB`).
   * Default: the visitor's locale from the bootstrap, else the site's default locale.
   */
  locale?: string;
}

/**
 * What {@link usePreferences} returns: the preferences slot of the bootstrap response (no extra request) and
 * the visitor's actions. Every action changes `state` at once (optimistically), runs after the changes made
 * before it (one at a time, in order), and is replaced by the server's answer; when the server refuses, the
 * change is rolled back and the error is in `lastError`. Actions never reject: they resolve `true` when the
 * server accepted the change, `false` when it was refused (or could not be sent).
 */
export interface PreferencesResult {
  /** `loading` before the bootstrap answer, `error` when it failed, `ready` with data. */
  status: RapportQueryStatus;
  /** Why loading failed, or `null`. Switch on `error.code`. */
  error: RapportError | null;
  /** True when the site has the preferences center switched on. `false` while loading. */
  enabled: boolean;
  /** Channels and topics with their wording; `null` while loading or when switched off. */
  catalog: PreferenceCatalog | null;
  /**
   * The visitor's choices, optimistic while a change is in flight; `null` while loading, when switched off,
   * or for an anonymous visitor. A topic × channel missing from it is `off`.
   */
  state: PreferenceState | null;
  /** True when the visitor is not signed in: the catalog can be shown, but there are no choices to change. */
  isAnonymous: boolean;
  /**
   * The state of one topic × channel: `on` for a `required` topic's channels, `off` when not chosen (or while
   * loading), `pending` for an email opt-in waiting for its confirmation link.
   */
  choiceOf(topicId: string, channel: Channel): OptInState;
  /**
   * Opts the topic × channel in (`granted: true`) or out. An email opt-in shows `pending` until the visitor
   * confirms it through the link the business sends; other channels show `on`.
   */
  setChoice(topicId: string, channel: Channel, granted: boolean): Promise<boolean>;
  /** Chooses how often the topic's messages may arrive (one of the topic's `frequencies`). */
  setFrequency(topicId: string, frequency: Frequency): Promise<boolean>;
  /** Pauses all marketing until `until` (at most a year ahead). */
  pause(until: Date): Promise<boolean>;
  /** Ends a pause. */
  resume(): Promise<boolean>;
  /** Unsubscribes from all marketing in one action (required topics still apply); every choice goes off. */
  unsubscribeAll(): Promise<boolean>;
  /** Undoes {@link PreferencesResult.unsubscribeAll}; the choices stay off until the visitor opts in again. */
  resubscribeAll(): Promise<boolean>;
  /**
   * Downloads everything held about the visitor's choices and their consent history (for a JSON file).
   * Rejects with the RapportError (also put in `lastError`) when it fails.
   */
  exportData(): Promise<PreferenceExport>;
  /** True while a change is on its way to the server. */
  isSaving: boolean;
  /** Why the last change (or export) failed, or `null`; cleared by `clearError` and by the next action. */
  lastError: RapportError | null;
  /** Forgets `lastError` (the visitor dismissed the message). */
  clearError(): void;
}
