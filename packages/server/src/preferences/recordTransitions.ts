import type { Channel, ConsentEvent, PreferenceCatalog } from '@rapport/core';
import { canonicalJson } from '../crypto/canonicalJson.js';
import { newId } from '../crypto/random.js';
import { sha256Hex } from '../crypto/sha256.js';
import type { SqlExecutor } from '../store/Store.js';
import { emitPreferenceEvents } from '../webhooks/emitPreferenceEvents.js';
import { appendConsentEvent, latestConsentEventTime, type ConsentEventDraft } from './consentLog.js';
import { CONFIRMATION_TTL_DAYS, derivePreferenceToken, hashPreferenceToken } from './preferenceTokens.js';
import { applyTransition, loadRawPreferences, saveRawPreferences, type RawPreferences, type StateTransition } from './preferenceState.js';

/** The contact whose preferences change, with the site secret their tokens derive from. */
export interface PreferenceSubject {
  siteId: string;
  contactId: string;
  /**
   * The site's server secret (`SiteRecord.serverSecret`), which keys the unsubscribe and confirmation tokens. Never
   * the identity secret: that one rotates, and the links already emailed must keep working across a rotation.
   */
  secret: string;
}

/** A contact's choices, locked until the transaction ends, and the time of what is decided under that lock. */
export interface LockedPreferences {
  raw: RawPreferences;
  /**
   * The clock read once the lock is held, never earlier than the contact's latest consent event: a request that
   * waited decides at its own time, and the chain's times never go back even when a clock does (NTP, another
   * instance whose clock is behind).
   */
  now: Date;
}

/**
 * Creates the contact's preferences row if needed and locks it until the transaction ends, so one contact's
 * changes (and their chain) are written one at a time; returns their current choices and the decision time.
 */
export async function lockContactPreferences(tx: SqlExecutor, subject: PreferenceSubject, clock: () => Date): Promise<LockedPreferences> {
  const tokenHash = await hashPreferenceToken(await derivePreferenceToken(subject.secret, 'unsubscribe', subject.contactId));
  // The time given here is stored only when the row is new, and then the statement did not wait for anyone.
  await tx.query(
    `INSERT INTO contact_preferences (contact_id, site_id, unsubscribe_token_hash, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (contact_id) DO UPDATE SET unsubscribe_token_hash = EXCLUDED.unsubscribe_token_hash`,
    [subject.contactId, subject.siteId, tokenHash, clock()],
  );
  const latest = await latestConsentEventTime(tx, subject.contactId);
  const read = clock();
  const now = latest && latest.getTime() > read.getTime() ? latest : read;
  return { raw: await loadRawPreferences(tx, subject.contactId), now };
}

/** The exact wording a visitor saw for a change: the statement, and the topic and channel it concerns. */
export async function wordingFor(
  catalog: PreferenceCatalog,
  topicId: string | null,
  channel: Channel | null,
): Promise<Pick<ConsentEvent, 'wording' | 'wordingHash' | 'catalogVersion'>> {
  const topic = catalog.topics.find((t) => t.id === topicId);
  const shownChannel = catalog.channels.find((c) => c.id === channel);
  const wording = canonicalJson({
    statement: catalog.statement,
    topic: topic ? { id: topic.id, label: topic.label, description: topic.description } : undefined,
    channel: shownChannel ? { id: shownChannel.id, label: shownChannel.label, description: shownChannel.description } : undefined,
  });
  return { wording, wordingHash: await sha256Hex(wording), catalogVersion: catalog.version };
}

/** One planned change: the transition and how it is recorded. */
export type PlannedTransition = StateTransition & Omit<ConsentEventDraft, keyof StateTransition>;

/**
 * Applies planned transitions to `raw` (locked by {@link lockContactPreferences}, whose `now` they take),
 * appends one consent event each, issues a confirmation token for each `pending`, revokes the open tokens a
 * withdrawal or an unsubscribe-all makes moot, saves the resulting state, and writes the webhook events of what
 * changed (none when nothing did).
 */
export async function recordTransitions(
  tx: SqlExecutor,
  input: { subject: PreferenceSubject; raw: RawPreferences; transitions: readonly PlannedTransition[]; now: Date },
): Promise<ConsentEvent[]> {
  const { subject, raw, now } = input;
  const events: ConsentEvent[] = [];
  for (const transition of input.transitions) {
    applyTransition(raw, transition);
    const event = await appendConsentEvent(tx, { siteId: subject.siteId, contactId: subject.contactId, draft: transition, now });
    events.push(event);
    if (transition.action === 'withdrawn' || transition.action === 'unsubscribed_all') {
      await tx.query(
        `UPDATE preference_confirmations SET used_at = $2 WHERE contact_id = $1 AND used_at IS NULL
           AND ($3::text IS NULL OR (topic_id = $3 AND channel = $4))`,
        [subject.contactId, now, transition.action === 'withdrawn' ? transition.topicId : null, transition.channel],
      );
    }
    if (transition.action === 'pending' && transition.topicId && transition.channel) {
      const id = newId('poc');
      const token = await derivePreferenceToken(subject.secret, 'confirm', id);
      await tx.query(
        `INSERT INTO preference_confirmations (id, site_id, contact_id, topic_id, channel, pending_event_id, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, subject.siteId, subject.contactId, transition.topicId, transition.channel, event.id, await hashPreferenceToken(token), now,
          new Date(now.getTime() + CONFIRMATION_TTL_DAYS * 86_400_000)],
      );
    }
  }
  await saveRawPreferences(tx, { siteId: subject.siteId, contactId: subject.contactId, raw, now });
  await emitPreferenceEvents(tx, { siteId: subject.siteId, contactId: subject.contactId, events, now });
  return events;
}
