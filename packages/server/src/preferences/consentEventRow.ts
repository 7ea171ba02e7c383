import { createHash } from 'node:crypto';
import type { Channel, ConsentEvent, ConsentSource, Frequency } from '@rapport/core';
import { canonicalJson } from '../crypto/canonicalJson.js';

/** A `consent_events` row as both stores return it (timestamps as `Date`). */
export interface ConsentEventRow {
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

/** The columns of a {@link ConsentEventRow}, in the order `appendConsentEvent` inserts them. */
export const CONSENT_EVENT_COLUMNS = `id, sequence, contact_id, topic_id, channel, action, frequency, paused_until, source, wording, wording_hash,
  catalog_version, locale, occurred_at, confirmed_at, previous_hash, hash`;

/** The API's view of a stored consent event. */
export function toConsentEvent(row: ConsentEventRow): ConsentEvent {
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

/**
 * `SHA-256(previous hash + canonical JSON of every other field)`, hex: the link of the chain. Synchronous
 * (node:crypto): a verification hashes a million of these, and Web Crypto's promise per digest costs more than the
 * digest itself. Callers that walk many events yield to the event loop between batches.
 */
export function consentEventHash(event: Omit<ConsentEvent, 'hash'>): string {
  const { previousHash, ...fields } = event;
  return createHash('sha256')
    .update(`${previousHash ?? ''}${canonicalJson(fields)}`)
    .digest('hex');
}

/**
 * A consent event row as verification reads it: timestamps already ISO-8601 text, formatted by the database as
 * `Date#toISOString` would (UTC, milliseconds, `Z`), so a million events parse no `Date`.
 */
export type ConsentHashRow = Omit<ConsentEventRow, 'paused_until' | 'occurred_at' | 'confirmed_at'> & {
  paused_until: string | null;
  occurred_at: string;
  confirmed_at: string | null;
};

const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The select list of a {@link ConsentHashRow}, its columns qualified with `alias` (e.g. `e.`) when given. */
export function consentHashColumns(alias = ''): string {
  const c = (name: string) => `${alias}${name}`;
  return [
    ...['id', 'sequence', 'contact_id', 'topic_id', 'channel', 'action', 'frequency'].map(c),
    `${isoText(c('paused_until'))} AS paused_until`,
    ...['source', 'wording', 'wording_hash', 'catalog_version', 'locale'].map(c),
    `${isoText(c('occurred_at'))} AS occurred_at`,
    `${isoText(c('confirmed_at'))} AS confirmed_at`,
    c('previous_hash'),
    c('hash'),
  ].join(', ');
}

/**
 * {@link consentEventHash} of a {@link ConsentHashRow}, without building the event: the canonical JSON of its
 * fifteen fields written out in their sorted key order (what `canonicalJson` produces for them; a test holds the
 * two equal), so the walk costs one string and one digest per event.
 */
export function consentRowHash(row: ConsentHashRow): string {
  const j = JSON.stringify;
  const payload =
    `{"action":${j(row.action)},"catalogVersion":${j(row.catalog_version)},"channel":${j(row.channel)},` +
    `"confirmedAt":${j(row.confirmed_at)},"contactId":${j(row.contact_id)},"frequency":${j(row.frequency)},"id":${j(row.id)},` +
    `"locale":${j(row.locale)},"occurredAt":${j(row.occurred_at)},"pausedUntil":${j(row.paused_until)},"sequence":${j(row.sequence)},` +
    `"source":${j(row.source)},"topicId":${j(row.topic_id)},"wording":${j(row.wording)},"wordingHash":${j(row.wording_hash)}}`;
  return createHash('sha256')
    .update(`${row.previous_hash ?? ''}${payload}`)
    .digest('hex');
}

/**
 * {@link consentRowHash} of a `consent_events` row computed by the database, as two pieces of a query over a relation
 * aliased `row` that has the table's columns: `from`, a lateral subquery to add to the `FROM` list, and `hash`, the
 * expression of the hash (lower-case hex). The subquery holds the same fifteen fields under their keys in sorted order;
 * `row_to_json` writes them without whitespace and escapes strings as `JSON.stringify` does (`"`, `\\` and every
 * control character: `\b \f \n \r \t`, the others as lower-case `\u00XX`; nothing else, and database text is valid
 * UTF-8, so there is no lone surrogate to differ on); timestamps are formatted as {@link consentHashColumns} formats
 * them; null columns are `null`, as in `JSON.stringify`. Then SHA-256 of the UTF-8 bytes of the previous hash and
 * that JSON. A test holds the two equal on both stores over rows with every kind of character.
 *
 * Built-in functions only, written here rather than stored in the database: someone who may rewrite events as the
 * table's owner cannot swap in a lenient function (`pg_catalog` is searched first unless a search path lists it
 * later, which the stores' never do; replacing a function there takes a superuser).
 */
export function consentRowHashSql(row: string): { from: string; hash: string } {
  const c = (name: string) => `${row}.${name}`;
  const fields = [
    `${c('action')} AS "action"`,
    `${c('catalog_version')} AS "catalogVersion"`,
    `${c('channel')} AS "channel"`,
    `${isoText(c('confirmed_at'))} AS "confirmedAt"`,
    `${c('contact_id')} AS "contactId"`,
    `${c('frequency')} AS "frequency"`,
    `${c('id')} AS "id"`,
    `${c('locale')} AS "locale"`,
    `${isoText(c('occurred_at'))} AS "occurredAt"`,
    `${isoText(c('paused_until'))} AS "pausedUntil"`,
    `${c('sequence')} AS "sequence"`,
    `${c('source')} AS "source"`,
    `${c('topic_id')} AS "topicId"`,
    `${c('wording')} AS "wording"`,
    `${c('wording_hash')} AS "wordingHash"`,
  ].join(', ');
  return {
    from: `LATERAL (SELECT ${fields}) AS content`,
    hash: `pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(coalesce(${c('previous_hash')}, '') || pg_catalog.row_to_json(content)::text, 'UTF8')), 'hex')`,
  };
}
