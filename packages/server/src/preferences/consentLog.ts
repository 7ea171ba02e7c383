import type { ConsentChainReport, ConsentEvent } from '@rapport/core';
import { newId } from '../crypto/random.js';
import type { SqlExecutor } from '../store/Store.js';
import { CONSENT_EVENT_COLUMNS as EVENT_COLUMNS, consentEventHash, toConsentEvent, type ConsentEventRow as EventRow } from './consentEventRow.js';
import { runConsentVerification, type ConsentVerificationOptions } from './runConsentVerification.js';

/** What a new consent event says; the log adds id, sequence, chain hashes and the time. */
export type ConsentEventDraft = Omit<ConsentEvent, 'id' | 'sequence' | 'contactId' | 'occurredAt' | 'hash' | 'previousHash' | 'pausedUntil'> & {
  pausedUntil: string | null;
};

/** `SHA-256(previous hash + canonical JSON of every other field)`, hex: the link of the chain. */
export const hashConsentEvent: (event: Omit<ConsentEvent, 'hash'>) => string = consentEventHash;

/**
 * The time of a contact's latest consent event (highest sequence), or `null` before their first. One step down
 * the chain's unique index on (contact, sequence), however long the log grows.
 */
export async function latestConsentEventTime(db: SqlExecutor, contactId: string): Promise<Date | null> {
  const { rows } = await db.query<{ occurred_at: Date }>(
    'SELECT occurred_at FROM consent_events WHERE contact_id = $1 ORDER BY sequence DESC LIMIT 1',
    [contactId],
  );
  return rows[0]?.occurred_at ?? null;
}

/**
 * Appends an event to the contact's chain. The caller holds the contact's preferences row lock and passes the
 * time it read after taking it. The event's time is never earlier than the previous event's (the database
 * refuses that too), so the chain's order and its times agree.
 */
export async function appendConsentEvent(
  tx: SqlExecutor,
  input: { siteId: string; contactId: string; draft: ConsentEventDraft; now: Date },
): Promise<ConsentEvent> {
  const { rows } = await tx.query<{ sequence: number; hash: string; occurred_at: Date }>(
    'SELECT sequence, hash, occurred_at FROM consent_events WHERE contact_id = $1 ORDER BY sequence DESC LIMIT 1',
    [input.contactId],
  );
  const previous = rows[0];
  const occurredAt = previous && previous.occurred_at.getTime() > input.now.getTime() ? previous.occurred_at : input.now;
  const unhashed: Omit<ConsentEvent, 'hash'> = {
    id: newId('cev'),
    sequence: (previous?.sequence ?? 0) + 1,
    contactId: input.contactId,
    ...input.draft,
    occurredAt: occurredAt.toISOString(),
    previousHash: previous?.hash ?? null,
  };
  const event: ConsentEvent = { ...unhashed, hash: hashConsentEvent(unhashed) };
  await tx.query(
    `INSERT INTO consent_events (site_id, ${EVENT_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      input.siteId, event.id, event.sequence, event.contactId, event.topicId, event.channel, event.action, event.frequency,
      event.pausedUntil ?? null, event.source, event.wording, event.wordingHash, event.catalogVersion, event.locale,
      event.occurredAt, event.confirmedAt, event.previousHash, event.hash,
    ],
  );
  return event;
}

/** A contact's whole consent history, oldest first (the visitor's export; admin lists read {@link listConsentEventPage}). */
export async function listConsentEvents(db: SqlExecutor, contactId: string): Promise<ConsentEvent[]> {
  const { rows } = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM consent_events WHERE contact_id = $1 ORDER BY sequence`, [
    contactId,
  ]);
  return rows.map(toConsentEvent);
}

/**
 * One page of a contact's consent history, oldest first: the events after sequence `afterSequence` (0: from the
 * first), at most `limit`. One range on the chain's unique index (contact_id, sequence).
 */
export async function listConsentEventPage(
  db: SqlExecutor,
  input: { contactId: string; afterSequence: number; limit: number },
): Promise<ConsentEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM consent_events WHERE contact_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
    [input.contactId, input.afterSequence, input.limit],
  );
  return rows.map(toConsentEvent);
}

/** One consent event by id (for copying the wording a pending opt-in was given under). */
export async function findConsentEvent(db: SqlExecutor, id: string): Promise<ConsentEvent | null> {
  const { rows } = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM consent_events WHERE id = $1`, [id]);
  return rows[0] ? toConsentEvent(rows[0]) : null;
}

/**
 * Verifies a site's consent chains: sequences run 1, 2, 3…, each event names the previous hash, and each hash
 * matches the event's content. Reports the first event (by contact, then sequence) that breaks it. Resumes from the
 * site's checkpoint (only the events written since are read) unless `options.full`; streams in pages and yields
 * to the event loop between slices (see {@link runConsentVerification}).
 */
export function verifyConsentChains(
  db: SqlExecutor,
  siteId: string,
  options: ConsentVerificationOptions = {},
): Promise<ConsentChainReport> {
  return runConsentVerification(db, siteId, options);
}
