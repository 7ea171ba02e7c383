import type { Channel, ConsentEvent, Frequency, PreferenceCatalog, PreferenceState } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';

/** A contact's stored choices: only what differs from the defaults (off; a topic's first frequency). */
export interface RawPreferences {
  /** `topicId channel` → state; absent means off. */
  choices: Map<string, 'pending' | 'on'>;
  frequencies: Map<string, Frequency>;
  pausedUntil: Date | null;
  unsubscribedAll: boolean;
}

/** The part of a consent event that changes state. */
export type StateTransition = Pick<ConsentEvent, 'topicId' | 'channel' | 'action' | 'frequency'> & { pausedUntil: string | null };

export function choiceKey(topicId: string, channel: Channel | string): string {
  return `${topicId} ${channel}`;
}

export function emptyPreferences(): RawPreferences {
  return { choices: new Map(), frequencies: new Map(), pausedUntil: null, unsubscribedAll: false };
}

/**
 * One step of the consent log's fold. The server applies every change through it, and replaying a contact's
 * events through it yields their stored state (a property test holds it to that).
 */
export function applyTransition(raw: RawPreferences, event: StateTransition): void {
  const key = event.topicId !== null && event.channel !== null ? choiceKey(event.topicId, event.channel) : null;
  switch (event.action) {
    case 'granted':
    case 'pending':
      if (key) raw.choices.set(key, event.action === 'granted' ? 'on' : 'pending');
      break;
    case 'withdrawn':
      if (key) raw.choices.delete(key);
      break;
    case 'frequency':
      if (event.topicId !== null && event.frequency !== null) raw.frequencies.set(event.topicId, event.frequency);
      break;
    case 'paused':
      raw.pausedUntil = event.pausedUntil === null ? null : new Date(event.pausedUntil);
      break;
    case 'resumed':
      raw.pausedUntil = null;
      break;
    case 'unsubscribed_all':
      raw.unsubscribedAll = true;
      raw.choices.clear();
      break;
    case 'resubscribed_all':
      raw.unsubscribedAll = false;
      break;
  }
}

/** Replays a contact's consent events (oldest first) into their state. */
export function foldConsentEvents(events: readonly ConsentEvent[]): RawPreferences {
  const raw = emptyPreferences();
  for (const event of events) applyTransition(raw, { ...event, pausedUntil: event.pausedUntil ?? null });
  return raw;
}

/**
 * The contract's view of stored choices under a catalog: every topic × channel it offers, off unless chosen;
 * required topics always on; a pause that has ended reads as `null`.
 */
export function toPreferenceState(catalog: PreferenceCatalog, raw: RawPreferences, now: Date): PreferenceState {
  return {
    topics: catalog.topics.map((topic) => ({
      topicId: topic.id,
      channels: topic.channels.map((channel) => ({
        channel,
        state: topic.required ? 'on' : (raw.choices.get(choiceKey(topic.id, channel)) ?? 'off'),
      })),
      frequency: topic.frequencies.length > 0 ? (raw.frequencies.get(topic.id) ?? topic.frequencies[0] ?? null) : null,
    })),
    pausedUntil: raw.pausedUntil && raw.pausedUntil.getTime() > now.getTime() ? raw.pausedUntil.toISOString() : null,
    unsubscribedAll: raw.unsubscribedAll,
  };
}

/** A contact's stored choices (the defaults when they never chose). Lock the contact first to write after. */
export async function loadRawPreferences(db: SqlExecutor, contactId: string): Promise<RawPreferences> {
  const raw = emptyPreferences();
  const head = await db.query<{ paused_until: Date | null; unsubscribed_all: boolean }>(
    'SELECT paused_until, unsubscribed_all FROM contact_preferences WHERE contact_id = $1',
    [contactId],
  );
  if (!head.rows[0]) return raw;
  raw.pausedUntil = head.rows[0].paused_until;
  raw.unsubscribedAll = head.rows[0].unsubscribed_all;
  const choices = await db.query<{ topic_id: string; channel: string; state: 'pending' | 'on' }>(
    'SELECT topic_id, channel, state FROM preference_choices WHERE contact_id = $1',
    [contactId],
  );
  for (const row of choices.rows) raw.choices.set(choiceKey(row.topic_id, row.channel), row.state);
  const frequencies = await db.query<{ topic_id: string; frequency: Frequency }>(
    'SELECT topic_id, frequency FROM preference_frequencies WHERE contact_id = $1',
    [contactId],
  );
  for (const row of frequencies.rows) raw.frequencies.set(row.topic_id, row.frequency);
  return raw;
}

/** Writes a contact's state (its `contact_preferences` row must exist and be locked). */
export async function saveRawPreferences(
  tx: SqlExecutor,
  input: { siteId: string; contactId: string; raw: RawPreferences; now: Date },
): Promise<void> {
  const { siteId, contactId, raw, now } = input;
  await tx.query('UPDATE contact_preferences SET paused_until = $2, unsubscribed_all = $3, updated_at = $4 WHERE contact_id = $1', [
    contactId,
    raw.pausedUntil,
    raw.unsubscribedAll,
    now,
  ]);
  await tx.query('DELETE FROM preference_choices WHERE contact_id = $1', [contactId]);
  const choices = [...raw.choices].map(([key, state]) => [...key.split(' '), state] as const);
  if (choices.length > 0) {
    await tx.query(
      `INSERT INTO preference_choices (contact_id, site_id, topic_id, channel, state, updated_at)
       SELECT $1, $2, t, c, s, $6 FROM unnest($3::text[], $4::text[], $5::text[]) AS u (t, c, s)`,
      [contactId, siteId, choices.map((c) => c[0]), choices.map((c) => c[1]), choices.map((c) => c[2]), now],
    );
  }
  await tx.query('DELETE FROM preference_frequencies WHERE contact_id = $1', [contactId]);
  if (raw.frequencies.size > 0) {
    await tx.query(
      `INSERT INTO preference_frequencies (contact_id, topic_id, frequency)
       SELECT $1, t, f FROM unnest($2::text[], $3::text[]) AS u (t, f)`,
      [contactId, [...raw.frequencies.keys()], [...raw.frequencies.values()]],
    );
  }
}
