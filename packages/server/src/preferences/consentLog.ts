import type { Channel, ConsentEvent, ConsentSource, Frequency } from '@rapport/core';
import type { ConsentChainReportSchema } from '@rapport/core/schemas';
import type * as z from 'zod/mini';
import { canonicalJson } from '../crypto/canonicalJson.js';
import { newId } from '../crypto/random.js';
import { sha256Hex } from '../crypto/sha256.js';
import type { SqlExecutor } from '../store/Store.js';

/** What a new consent event says; the log adds id, sequence, chain hashes and the time. */
export type ConsentEventDraft = Omit<ConsentEvent, 'id' | 'sequence' | 'contactId' | 'occurredAt' | 'hash' | 'previousHash' | 'pausedUntil'> & {
  pausedUntil: string | null;
};

interface EventRow {
  id: string;
  sequence: number;
  contact_id: string;
  topic_id: string | null;
  channel: Channel | null;
  action: ConsentEvent['action'];
  frequency: Frequency | null;
  paused_until: Date | null;
  source: ConsentSource;
  wording: string;
  wording_hash: string;
  catalog_version: number;
  locale: string | null;
  occurred_at: Date;
  confirmed_at: Date | null;
  previous_hash: string | null;
  hash: string;
}

const EVENT_COLUMNS = `id, sequence, contact_id, topic_id, channel, action, frequency, paused_until, source, wording, wording_hash,
  catalog_version, locale, occurred_at, confirmed_at, previous_hash, hash`;

function toConsentEvent(row: EventRow): ConsentEvent {
  return {
    id: row.id,
    sequence: row.sequence,
    contactId: row.contact_id,
    topicId: row.topic_id,
    channel: row.channel,
    action: row.action,
    frequency: row.frequency,
    pausedUntil: row.paused_until?.toISOString() ?? null,
    source: row.source,
    wording: row.wording,
    wordingHash: row.wording_hash,
    catalogVersion: row.catalog_version,
    locale: row.locale,
    occurredAt: row.occurred_at.toISOString(),
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

/** `SHA-256(previous hash + canonical JSON of every other field)`, hex: the link of the chain. */
export function hashConsentEvent(event: Omit<ConsentEvent, 'hash'>): Promise<string> {
  const { previousHash, ...fields } = event;
  return sha256Hex(`${previousHash ?? ''}${canonicalJson(fields)}`);
}

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
  const event: ConsentEvent = { ...unhashed, hash: await hashConsentEvent(unhashed) };
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

/** A contact's consent history, oldest first. */
export async function listConsentEvents(db: SqlExecutor, contactId: string): Promise<ConsentEvent[]> {
  const { rows } = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM consent_events WHERE contact_id = $1 ORDER BY sequence`, [
    contactId,
  ]);
  return rows.map(toConsentEvent);
}

/** One consent event by id (for copying the wording a pending opt-in was given under). */
export async function findConsentEvent(db: SqlExecutor, id: string): Promise<ConsentEvent | null> {
  const { rows } = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM consent_events WHERE id = $1`, [id]);
  return rows[0] ? toConsentEvent(rows[0]) : null;
}

/**
 * Walks every chain of a site: sequences run 1, 2, 3…, each event names the previous hash, and each hash
 * matches the event's content. Reports the first event (by contact, then sequence) that breaks it.
 */
export async function verifyConsentChains(db: SqlExecutor, siteId: string): Promise<z.infer<typeof ConsentChainReportSchema>> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM consent_events WHERE site_id = $1 ORDER BY contact_id, sequence`,
    [siteId],
  );
  let previous: ConsentEvent | null = null;
  let checked = 0;
  for (const row of rows) {
    const event = toConsentEvent(row);
    const sameChain = previous?.contactId === event.contactId;
    const expectedSequence = sameChain && previous ? previous.sequence + 1 : 1;
    const expectedPrevious = sameChain && previous ? previous.hash : null;
    const { hash, ...rest } = event;
    checked += 1;
    if (event.sequence !== expectedSequence || event.previousHash !== expectedPrevious || (await hashConsentEvent(rest)) !== hash) {
      return { valid: false, eventsChecked: checked, brokenAt: { eventId: event.id, contactId: event.contactId, sequence: event.sequence } };
    }
    previous = event;
  }
  return { valid: true, eventsChecked: checked, brokenAt: null };
}
