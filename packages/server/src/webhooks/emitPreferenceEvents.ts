import type { ConsentEvent, PreferenceChangeItem, PreferencesChangedEventData, WebhookContact } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';
import { enqueueWebhookEvent } from './enqueueWebhookEvent.js';
import { webhookContact } from './webhookContact.js';

const CHOICE_STATES: Partial<Record<ConsentEvent['action'], PreferenceChangeItem['state']>> = {
  granted: 'granted',
  pending: 'pending',
  withdrawn: 'withdrawn',
};

/** The opt-in changes among one request's consent events (`preferences.changed`), or `null` when there are none. */
function changedData(contact: WebhookContact, events: readonly ConsentEvent[]): PreferencesChangedEventData | null {
  const changes: PreferenceChangeItem[] = [];
  for (const event of events) {
    const state = CHOICE_STATES[event.action];
    if (state && event.topicId !== null && event.channel !== null) {
      changes.push({ topicId: event.topicId, channel: event.channel, state, consentEventId: event.id });
    }
  }
  const resubscribed = events.findLast((event) => event.action === 'resubscribed_all') ?? null;
  if (changes.length === 0 && !resubscribed) return null;
  return { contact, source: events[0]!.source, changes, resubscribed: resubscribed !== null, resubscribedEventId: resubscribed?.id ?? null };
}

/**
 * The webhook events of one request's consent events, in its transaction: `preferences.changed` once for every
 * opt-in it changed (with the consent event of each), `preferences.confirmed` for a confirmed double opt-in,
 * `preferences.paused` for a pause (`pausedUntil: null` for a resume) and `preferences.unsubscribed_all`. A
 * request that changed nothing wrote no consent event and emits nothing; a frequency change alone emits nothing.
 */
export async function emitPreferenceEvents(
  tx: SqlExecutor,
  input: { siteId: string; contactId: string; events: readonly ConsentEvent[]; now: Date },
): Promise<void> {
  const { siteId, contactId, events, now } = input;
  if (!events.some((event) => event.action !== 'frequency')) return;
  const contact = await webhookContact(tx, contactId);
  const base = { siteId, contactId, now };
  const changed = changedData(contact, events);
  if (changed) await enqueueWebhookEvent(tx, { ...base, type: 'preferences.changed', data: changed });
  for (const event of events) {
    const common = { contact, consentEventId: event.id };
    if (event.action === 'granted' && event.source === 'confirmation_link' && event.topicId !== null && event.channel !== null) {
      const data = { ...common, topicId: event.topicId, channel: event.channel };
      await enqueueWebhookEvent(tx, { ...base, type: 'preferences.confirmed', data });
    } else if (event.action === 'paused' || event.action === 'resumed') {
      const data = { ...common, source: event.source, pausedUntil: event.action === 'paused' ? (event.pausedUntil ?? null) : null };
      await enqueueWebhookEvent(tx, { ...base, type: 'preferences.paused', data });
    } else if (event.action === 'unsubscribed_all') {
      await enqueueWebhookEvent(tx, { ...base, type: 'preferences.unsubscribed_all', data: { ...common, source: event.source } });
    }
  }
}
