import type {
  BootstrapResponse,
  Channel,
  OptInState,
  PreferenceCatalog,
  PreferenceChange,
  PreferenceState,
  PreferencesBootstrap,
} from '@rapport/core';

/** The preferences slot of a bootstrap response; `null` while loading or when switched off. */
export function preferencesSlot(data: BootstrapResponse | undefined): PreferencesBootstrap | null {
  return data?.widgets.preferences ?? null;
}

/** The bootstrap response with the visitor's preference state replaced (a new object; `cache` is left alone). */
export function withPreferenceState(cache: BootstrapResponse, state: PreferenceState): BootstrapResponse {
  const slot = cache.widgets.preferences;
  if (slot === null) return cache;
  return { ...cache, widgets: { ...cache.widgets, preferences: { ...slot, state } } };
}

/** The state of one topic × channel as the visitor should see it (see `PreferencesResult.choiceOf`). */
export function choiceOf(catalog: PreferenceCatalog | null, state: PreferenceState | null, topicId: string, channel: Channel): OptInState {
  if (catalog?.topics.some((topic) => topic.id === topicId && topic.required && topic.channels.includes(channel))) return 'on';
  const topic = state?.topics.find((entry) => entry.topicId === topicId);
  return topic?.channels.find((entry) => entry.channel === channel)?.state ?? 'off';
}

type TopicState = PreferenceState['topics'][number];

/**
 * What the server will answer to `change`, as far as the browser can tell: shown at once, then replaced by the
 * server's state. An email opt-in becomes `pending` (double opt-in) unless already confirmed; required topics
 * do not change; unsubscribing from all turns every marketing choice off.
 */
export function applyPreferenceChange(state: PreferenceState, catalog: PreferenceCatalog, change: PreferenceChange): PreferenceState {
  const required = new Set(catalog.topics.filter((topic) => topic.required).map((topic) => topic.id));
  const topics = new Map<string, TopicState>(state.topics.map((topic) => [topic.topicId, topic]));
  const topicOf = (topicId: string): TopicState => topics.get(topicId) ?? { topicId, channels: [], frequency: null };

  for (const { topicId, channel, granted } of change.choices ?? []) {
    if (required.has(topicId)) continue;
    const topic = topicOf(topicId);
    const current = topic.channels.find((entry) => entry.channel === channel)?.state ?? 'off';
    const next: OptInState = !granted ? 'off' : channel === 'email' && current !== 'on' ? 'pending' : 'on';
    const channels = topic.channels.some((entry) => entry.channel === channel)
      ? topic.channels.map((entry) => (entry.channel === channel ? { channel, state: next } : entry))
      : [...topic.channels, { channel, state: next }];
    topics.set(topicId, { ...topic, channels });
  }
  for (const { topicId, frequency } of change.frequencies ?? []) topics.set(topicId, { ...topicOf(topicId), frequency });

  let next: PreferenceState = { ...state, topics: [...topics.values()] };
  if (change.pauseUntil !== undefined) next = { ...next, pausedUntil: change.pauseUntil };
  if (change.unsubscribeAll === true) {
    const off = (topic: TopicState): TopicState =>
      required.has(topic.topicId) ? topic : { ...topic, channels: topic.channels.map((entry) => ({ ...entry, state: 'off' as const })) };
    next = { ...next, unsubscribedAll: true, topics: next.topics.map(off) };
  } else if (change.unsubscribeAll === false) {
    next = { ...next, unsubscribedAll: false };
  }
  return next;
}
