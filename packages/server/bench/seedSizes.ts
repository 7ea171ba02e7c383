import type { ConsentEvent } from '@rapport/core';
import type { RapportStore } from '@rapport/server';
import { hashConsentEvent } from '../src/preferences/consentLog.js';
import { canonicalJson } from '../src/crypto/canonicalJson.js';
import { sha256Hex } from '../src/crypto/sha256.js';
import { DEMO_PREFERENCE_CATALOG } from '../src/seed/demoPreferenceCatalog.js';
import { dot } from './printTable.js';

/** Events in each contact's consent chain. */
export const CHAIN_LENGTH = 10;
const REFERRAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ROWS_PER_STATEMENT = 100_000;
const EVENTS_PER_STATEMENT = 2_000;

/** Contact `n` (from 1) of the series: its id, and the zero-padded number its external id and name carry. */
export const benchContactId = (n: number) => `ct_bench_${n}`;
export const benchContactNumber = (n: number) => String(n).padStart(7, '0');

/**
 * `count` known contacts (`bench_member_0000001`…, named "Bench Member 0000001"…, the newest last), the first
 * `members` of them with a loyalty account, written straight in SQL. A dot per statement.
 */
export async function insertContacts(store: RapportStore, siteId: string, count: number, members: number): Promise<void> {
  for (let from = 1; from <= count; from += ROWS_PER_STATEMENT) {
    const to = Math.min(count, from + ROWS_PER_STATEMENT - 1);
    await store.query(
      `INSERT INTO contacts (id, site_id, external_id, traits, created_at, last_seen_at)
       SELECT 'ct_bench_' || n, $1, 'bench_member_' || lpad(n::text, 7, '0'),
         jsonb_build_object('name', 'Bench Member ' || lpad(n::text, 7, '0')),
         now() - ($4::int - n) * interval '1 second', now() - ($4::int - n) * interval '1 second'
       FROM generate_series($2::int, $3::int) AS n`,
      [siteId, from, to, count],
    );
    const last = Math.min(to, members);
    if (from <= last) {
      // Referral codes are 8 characters of the referral alphabet: contact n's number in base 32.
      await store.query(
        `INSERT INTO loyalty_accounts (id, site_id, contact_id, joined_at, referral_code)
         SELECT 'la_bench_' || n, $1, 'ct_bench_' || n, now() - ($4::int - n) * interval '1 second',
           (SELECT string_agg(substr($5, ((n::bigint / (32::bigint ^ k)::bigint) % 32)::int + 1, 1), '' ORDER BY k DESC)
            FROM generate_series(0, 7) AS k)
         FROM generate_series($2::int, $3::int) AS n`,
        [siteId, from, last, count, REFERRAL_ALPHABET],
      );
    }
    dot();
  }
  await store.query('ANALYZE contacts');
  await store.query('ANALYZE loyalty_accounts');
}

/**
 * NPS responses `from`…`to` (from 1) to `surveyId`, spread over the contacts and over the last 70 days (inside the
 * results' default twelve weeks), scores 0–10 in turn. A dot per statement.
 */
export async function insertResponses(
  store: RapportStore,
  input: { siteId: string; surveyId: string; from: number; to: number; contacts: number },
): Promise<void> {
  for (let from = input.from; from <= input.to; from += ROWS_PER_STATEMENT) {
    const to = Math.min(input.to, from + ROWS_PER_STATEMENT - 1);
    await store.query(
      `INSERT INTO feedback_responses (site_id, id, survey_id, contact_id, request_hash, kind, score, band, answered_at, received_at)
       SELECT $1, 're_bench_' || n, $2, 'ct_bench_' || (1 + n % $5::int), 'bench', 'nps', n % 11,
         CASE WHEN n % 11 <= 6 THEN 'negative' WHEN n % 11 <= 8 THEN 'neutral' ELSE 'positive' END,
         now() - (n % 70) * interval '1 day' - (n % 86400) * interval '1 second',
         now() - (n % 70) * interval '1 day' - (n % 86400) * interval '1 second'
       FROM generate_series($3::int, $4::int) AS n`,
      [input.siteId, input.surveyId, from, to, input.contacts],
    );
    dot();
  }
  await store.query('ANALYZE feedback_responses');
}

/** One contact's chain of `length` consent events, hashed with the server's own function. */
async function chainOf(contact: number, length: number, wording: { text: string; hash: string }, start: number): Promise<ConsentEvent[]> {
  const events: ConsentEvent[] = [];
  let previousHash: string | null = null;
  for (let sequence = 1; sequence <= length; sequence += 1) {
    const unhashed: Omit<ConsentEvent, 'hash'> = {
      id: `cev_bench_${contact}_${sequence}`,
      sequence,
      contactId: benchContactId(contact),
      topicId: 'offers',
      channel: 'email',
      action: sequence % 2 === 1 ? 'granted' : 'withdrawn',
      frequency: null,
      pausedUntil: null,
      source: 'widget',
      wording: wording.text,
      wordingHash: wording.hash,
      catalogVersion: 1,
      locale: 'en',
      occurredAt: new Date(start + sequence * 60_000).toISOString(),
      confirmedAt: null,
      previousHash,
    };
    const event: ConsentEvent = { ...unhashed, hash: hashConsentEvent(unhashed) };
    events.push(event);
    previousHash = event.hash;
  }
  return events;
}

/**
 * `events` consent events in valid hash chains of {@link CHAIN_LENGTH} (the last one shorter when it does not
 * divide), for contacts `firstContact`, `firstContact + 1`, …; resolves the next contact free of a chain.
 * Inserted in multi-row statements; a dot every ten.
 */
export async function insertConsentChains(store: RapportStore, siteId: string, firstContact: number, events: number): Promise<number> {
  // What the widget records for "offers by email" under the demo catalog: the statement, the topic and the channel.
  const catalog = DEMO_PREFERENCE_CATALOG;
  const topic = catalog.topics.find((t) => t.id === 'offers')!;
  const channel = catalog.channels.find((c) => c.id === 'email')!;
  const text = canonicalJson({
    statement: catalog.statement,
    topic: { id: topic.id, label: topic.label, description: topic.description },
    channel: { id: channel.id, label: channel.label, description: channel.description },
  });
  const wording = { text, hash: await sha256Hex(text) };
  const start = Date.now() - 86_400_000;
  let contact = firstContact;
  let left = events;
  let statements = 0;
  while (left > 0) {
    const lengths: number[] = [];
    for (let batch = 0; batch < EVENTS_PER_STATEMENT && left > 0; ) {
      const length = Math.min(CHAIN_LENGTH, left);
      lengths.push(length);
      batch += length;
      left -= length;
    }
    const chains = await Promise.all(lengths.map((length, i) => chainOf(contact + i, length, wording, start)));
    contact += lengths.length;
    const rows = chains.flat();
    const column = <K extends keyof ConsentEvent>(name: K) => rows.map((event) => event[name]);
    await store.query(
      `INSERT INTO consent_events (site_id, id, sequence, contact_id, topic_id, channel, action, frequency, paused_until, source,
         wording, wording_hash, catalog_version, locale, occurred_at, confirmed_at, previous_hash, hash)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::int[], $14::text[], $15::timestamptz[],
         $16::timestamptz[], $17::text[], $18::text[])`,
      [
        siteId, column('id'), column('sequence'), column('contactId'), column('topicId'), column('channel'), column('action'),
        column('frequency'), column('pausedUntil'), column('source'), column('wording'), column('wordingHash'),
        column('catalogVersion'), column('locale'), column('occurredAt'), column('confirmedAt'), column('previousHash'), column('hash'),
      ],
    );
    statements += 1;
    if (statements % 10 === 0) dot();
  }
  await store.query('ANALYZE consent_events');
  return contact;
}
