import type { ConsentSource, PreferenceCatalog, PreferenceChange, PreferenceState, ValidationIssue } from '@rapport/core';
import { ApiError, validationFailed } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { applyTransition, choiceKey, toPreferenceState, type RawPreferences } from './preferenceState.js';
import { lockContactPreferences, recordTransitions, wordingFor, type PlannedTransition, type PreferenceSubject } from './recordTransitions.js';

/** Longest pause: one year ahead. */
const MAX_PAUSE_MS = 365 * 86_400_000;

/** Refuses (422, nothing written) anything the catalog does not offer, required topics and impossible pauses. */
function checkChange(catalog: PreferenceCatalog, change: PreferenceChange, now: Date): void {
  const issues: ValidationIssue[] = [];
  const issue = (path: ValidationIssue['path'], message: string) => issues.push({ path, message, code: 'custom' });
  change.choices?.forEach((choice, i) => {
    const topic = catalog.topics.find((t) => t.id === choice.topicId);
    if (!topic) issue(['choices', i, 'topicId'], 'No such topic in this catalog');
    else if (!topic.channels.includes(choice.channel)) issue(['choices', i, 'channel'], 'This topic is not sent on this channel');
    else if (topic.required) issue(['choices', i, 'topicId'], 'A required topic cannot be changed');
    if (choice.granted && change.unsubscribeAll === true) issue(['choices', i, 'granted'], 'Cannot opt in while unsubscribing from all');
  });
  change.frequencies?.forEach((choice, i) => {
    const topic = catalog.topics.find((t) => t.id === choice.topicId);
    if (!topic) issue(['frequencies', i, 'topicId'], 'No such topic in this catalog');
    else if (!topic.frequencies.includes(choice.frequency)) issue(['frequencies', i, 'frequency'], 'This topic does not offer this frequency');
  });
  if (change.pauseUntil) {
    const until = new Date(change.pauseUntil).getTime();
    if (until <= now.getTime() || until > now.getTime() + MAX_PAUSE_MS) issue(['pauseUntil'], 'Must be in the future and at most a year ahead');
  }
  if (issues.length > 0) throw validationFailed(issues);
}

/** The transitions a change makes from `current`, in order; changes to what already holds make none. */
async function planTransitions(
  catalog: PreferenceCatalog,
  current: RawPreferences,
  change: PreferenceChange,
  how: { source: ConsentSource; locale: string | null },
): Promise<PlannedTransition[]> {
  const raw: RawPreferences = { ...current, choices: new Map(current.choices), frequencies: new Map(current.frequencies) };
  const planned: PlannedTransition[] = [];
  const add = async (t: Pick<PlannedTransition, 'action'> & Partial<PlannedTransition>) => {
    const transition: PlannedTransition = {
      topicId: null, channel: null, frequency: null, pausedUntil: null, confirmedAt: null, ...how,
      ...(await wordingFor(catalog, t.topicId ?? null, t.channel ?? null)),
      ...t,
    };
    applyTransition(raw, transition);
    planned.push(transition);
  };
  if (change.unsubscribeAll === false && raw.unsubscribedAll) await add({ action: 'resubscribed_all' });
  for (const { topicId, channel, granted } of change.choices ?? []) {
    const state = raw.choices.get(choiceKey(topicId, channel)) ?? 'off';
    if (granted && state === 'off') {
      // Opting in again after unsubscribing from all is itself a resubscription, recorded as such.
      if (raw.unsubscribedAll) await add({ action: 'resubscribed_all' });
      await add({ action: channel === 'email' ? 'pending' : 'granted', topicId, channel });
    } else if (!granted && state !== 'off') {
      await add({ action: 'withdrawn', topicId, channel });
    }
  }
  for (const { topicId, frequency } of change.frequencies ?? []) {
    const topic = catalog.topics.find((t) => t.id === topicId);
    if ((raw.frequencies.get(topicId) ?? topic?.frequencies[0]) !== frequency) await add({ action: 'frequency', topicId, frequency });
  }
  if (change.pauseUntil === null && raw.pausedUntil !== null) await add({ action: 'resumed' });
  if (change.pauseUntil && raw.pausedUntil?.getTime() !== new Date(change.pauseUntil).getTime()) {
    await add({ action: 'paused', pausedUntil: new Date(change.pauseUntil).toISOString() });
  }
  if (change.unsubscribeAll === true && !raw.unsubscribedAll) await add({ action: 'unsubscribed_all' });
  return planned;
}

/**
 * Applies a visitor's (or the business's) change: 409 `conflict` when it was made against an older catalog,
 * 422 with nothing recorded when it names anything the catalog does not offer; otherwise one consent event
 * per real transition. Email opt-ins wait (`pending`) for the double opt-in confirmation. `clock` is read once
 * the contact is locked: a change that waited for another is decided, and recorded, after it.
 */
export async function applyPreferenceChange(
  tx: SqlExecutor,
  input: {
    subject: PreferenceSubject;
    catalog: PreferenceCatalog;
    change: PreferenceChange;
    source: ConsentSource;
    locale: string | null;
    clock: () => Date;
  },
): Promise<PreferenceState> {
  const { subject, catalog, change } = input;
  if (change.catalogVersion !== catalog.version) {
    throw new ApiError(409, 'conflict', `The preferences changed (now version ${catalog.version}); reload and try again`);
  }
  const { raw, now } = await lockContactPreferences(tx, subject, input.clock);
  // Checked under the lock, at the decision's time; a refusal rolls the transaction (and the lock row) back.
  checkChange(catalog, change, now);
  const how = { source: input.source, locale: change.locale ?? input.locale };
  const transitions = await planTransitions(catalog, raw, change, how);
  await recordTransitions(tx, { subject, raw, transitions, now });
  return toPreferenceState(catalog, raw, now);
}
