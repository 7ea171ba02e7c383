import type { ConsentChainReport, ConsentEvent } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomAlphanumeric } from '../crypto/random.js';
import { createSite } from '../sites/createSite.js';
import type { SqlExecutor } from '../store/Store.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';
import { consentEventHash, consentHashColumns } from './consentEventRow.js';
import { fullConsentPass, sampleContactSplits } from './fullConsentPass.js';
import { newWalkState, walkConsentEvents, type WalkRow } from './walkConsentEvents.js';

let t: TestStore;
beforeAll(async () => {
  t = await createTestStore();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

const pacing = { yieldEvery: 3, yieldToLoop: () => Promise.resolve() };
/** Chain lengths of the seeded contacts a, b, c, …: 27 events, chains both shorter and longer than a page. */
const CHAINS = [3, 1, 9, 2, 5, 7];

interface Seeded {
  siteId: string;
  contacts: string[];
  /** The seeded events of contact `n`, oldest first. */
  chain: (n: number) => ConsentEvent[];
}

/** A new site whose contacts a, b, c, … have valid chains of `CHAINS` events, written straight in SQL. */
async function seed(db: SqlExecutor): Promise<Seeded> {
  const tag = randomAlphanumeric(6).toLowerCase();
  const { site } = await createSite(db, { slug: `pass-${tag}`, name: 'Pass' });
  const contacts = CHAINS.map((_, n) => `ct_${tag}_${String.fromCharCode(97 + n)}`);
  const chains: ConsentEvent[][] = [];
  for (const [n, contactId] of contacts.entries()) {
    await db.query(`INSERT INTO contacts (id, site_id, external_id, created_at) VALUES ($1, $2, $1, now())`, [contactId, site.id]);
    const chain: ConsentEvent[] = [];
    for (let sequence = 1; sequence <= CHAINS[n]!; sequence += 1) {
      const unhashed: Omit<ConsentEvent, 'hash'> = {
        id: `cev_${contactId}_${sequence}`,
        sequence,
        contactId,
        topicId: 'offers',
        channel: 'email',
        action: sequence % 2 === 1 ? 'granted' : 'withdrawn',
        frequency: null,
        pausedUntil: null,
        source: 'widget',
        wording: 'Offers by "email" \\ ✓\n',
        wordingHash: 'f'.repeat(64),
        catalogVersion: 1,
        locale: 'en',
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, sequence)).toISOString(),
        confirmedAt: null,
        previousHash: chain[chain.length - 1]?.hash ?? null,
      };
      chain.push({ ...unhashed, hash: consentEventHash(unhashed) });
    }
    for (const e of chain) {
      await db.query(
        `INSERT INTO consent_events (site_id, id, sequence, contact_id, topic_id, channel, action, frequency, paused_until, source, wording,
           wording_hash, catalog_version, locale, occurred_at, confirmed_at, previous_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [site.id, e.id, e.sequence, e.contactId, e.topicId, e.channel, e.action, e.frequency, e.pausedUntil, e.source, e.wording,
          e.wordingHash, e.catalogVersion, e.locale, e.occurredAt, e.confirmedAt, e.previousHash, e.hash],
      );
    }
    chains.push(chain);
  }
  return { siteId: site.id, contacts, chain: (n) => chains[n]! };
}

/** Runs `sql` with the append-only trigger off (someone with table-owner rights). */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  await t.store.transaction(async (tx) => {
    await tx.query('ALTER TABLE consent_events DISABLE TRIGGER consent_events_no_update_delete');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE consent_events ENABLE TRIGGER consent_events_no_update_delete');
  });
}

/** Rewrites one event's fields and stores a hash that matches its new content: only the chain's links can tell. */
async function rewriteAndRehash(event: ConsentEvent, change: Partial<ConsentEvent>): Promise<void> {
  const { hash: _old, ...unhashed } = { ...event, ...change };
  await tamper('UPDATE consent_events SET sequence = $2, previous_hash = $3, hash = $4 WHERE id = $1', [
    event.id,
    unhashed.sequence,
    unhashed.previousHash,
    consentEventHash(unhashed),
  ]);
}

/** What one walk over every event of the site, hashed here, reports: the reference for the database's pass. */
async function walkInOrder(siteId: string): Promise<{ checked: number; brokenAt: ConsentChainReport['brokenAt'] }> {
  const { rows } = await t.store.query<WalkRow>(
    `SELECT ${consentHashColumns()} FROM consent_events WHERE site_id = $1 ORDER BY contact_id, sequence`,
    [siteId],
  );
  const state = newWalkState();
  await walkConsentEvents(rows, state, pacing);
  return { checked: state.checked, brokenAt: state.brokenAt };
}

/** Asserts every page size and way of splitting the contacts gives the reference walk's report, and resolves it. */
async function passEverywayAsTheWalk(s: Seeded): Promise<{ checked: number; brokenAt: ConsentChainReport['brokenAt'] }> {
  const expected = await walkInOrder(s.siteId);
  const [a, b, c, d, e, f] = s.contacts as [string, string, string, string, string, string];
  // Splits on contacts, between them (`${c}~` sorts after c and before d), before the first and after the last.
  const splitSets = [[], [c], [a, `${c}~`, e], [b, d, f], ['ct_', `${f}~`]];
  for (const [p, pageSize] of [1, 4, 7, 1_000].entries()) {
    for (const [k, splits] of splitSets.entries()) {
      // One range at a time, or two or three side by side, in turn.
      const concurrency = 1 + ((p + k) % 3);
      const state = await fullConsentPass(t.store, { siteId: s.siteId, pageSize, pacing, splits, concurrency });
      const what = `page ${pageSize}, splits ${splits.join(' ')}, ${concurrency} at a time`;
      expect({ checked: state.checked, brokenAt: state.brokenAt }, what).toEqual(expected);
    }
  }
  return expected;
}

describe('fullConsentPass (the database hashes, one row per page)', () => {
  it('reports what a walk in order reports on intact chains, whatever the page size and the ranges', async () => {
    const s = await seed(t.store);
    expect(await passEverywayAsTheWalk(s)).toEqual({ checked: 27, brokenAt: null });
  });

  it('finds a rewritten field at the first event, across a page boundary, mid-chain and at the last event', async () => {
    // Positions (contact, index in its chain): first event of all, the 4th and 8th events of the site (pages of 4 and
    // 7 start there), the middle of the longest chain, the very last event.
    for (const [n, k, set] of [
      [0, 0, "action = 'withdrawn'"],
      [2, 0, "wording = wording || ' '"],
      [2, 3, "occurred_at = occurred_at + interval '1 millisecond'"],
      [2, 5, 'catalog_version = 2'],
      [5, 6, "locale = 'fr'"],
      [4, 2, "channel = 'sms'"],
      [3, 1, 'topic_id = NULL'],
    ] as const) {
      const s = await seed(t.store);
      const event = s.chain(n)[k]!;
      await tamper(`UPDATE consent_events SET ${set} WHERE id = $1`, [event.id]);
      const report = await passEverywayAsTheWalk(s);
      expect(report.brokenAt, set).toEqual({ eventId: event.id, contactId: event.contactId, sequence: event.sequence });
    }
  });

  it('finds broken links and sequences even when each event’s own hash matches its content', async () => {
    const cases: Array<(s: Seeded) => Promise<ConsentEvent>> = [
      // Names another hash as the previous one.
      async (s) => (await rewriteAndRehash(s.chain(2)[4]!, { previousHash: 'e'.repeat(64) }), s.chain(2)[4]!),
      // A first event that names a previous one.
      async (s) => (await rewriteAndRehash(s.chain(4)[0]!, { previousHash: 'e'.repeat(64) }), s.chain(4)[0]!),
      // A sequence that skips one (the event after it still links to it by hash).
      async (s) => (await rewriteAndRehash(s.chain(5)[6]!, { sequence: 8 }), s.chain(5)[6]!),
      // A chain that starts at 2.
      async (s) => (await rewriteAndRehash(s.chain(1)[0]!, { sequence: 2 }), s.chain(1)[0]!),
    ];
    for (const apply of cases) {
      const s = await seed(t.store);
      const event = await apply(s);
      const report = await passEverywayAsTheWalk(s);
      expect(report.brokenAt).toEqual({ eventId: event.id, contactId: event.contactId, sequence: expect.any(Number) });
    }
  });

  it('finds a removed event (at the start, inside and at the end of a chain) by the one after it', async () => {
    for (const [n, k] of [
      [2, 0],
      [2, 3],
      [5, 5],
    ] as const) {
      const s = await seed(t.store);
      await tamper('DELETE FROM consent_events WHERE id = $1', [s.chain(n)[k]!.id]);
      const next = s.chain(n)[k + 1]!;
      const report = await passEverywayAsTheWalk(s);
      expect(report.brokenAt).toEqual({ eventId: next.id, contactId: next.contactId, sequence: next.sequence });
    }
  });

  it('reports the first of several breaks, in contact order, with the events checked up to it', async () => {
    const s = await seed(t.store);
    const first = s.chain(1)[0]!;
    for (const event of [s.chain(5)[2]!, s.chain(3)[1]!, first]) await tamper("UPDATE consent_events SET source = 'api' WHERE id = $1", [event.id]);
    const report = await passEverywayAsTheWalk(s);
    expect(report).toEqual({ checked: 4, brokenAt: { eventId: first.id, contactId: first.contactId, sequence: 1 } });
  });

  it('a site with no events is valid and checks none; samples give no split for a small site', async () => {
    const { site } = await createSite(t.store, { slug: `empty-${randomAlphanumeric(6).toLowerCase()}`, name: 'Empty' });
    const state = await fullConsentPass(t.store, { siteId: site.id, pageSize: 5, pacing, splits: ['ct_m'], concurrency: 2 });
    expect(state).toMatchObject({ checked: 0, brokenAt: null });
    const s = await seed(t.store);
    expect(await sampleContactSplits(t.store, { siteId: s.siteId, parts: 2, minEvents: 50_000 })).toEqual([]);
    // Without a floor, whatever the sample holds: contacts of the site, in order.
    const splits = await sampleContactSplits(t.store, { siteId: s.siteId, parts: 3, minEvents: 0 });
    expect(splits.every((contact) => s.contacts.includes(contact))).toBe(true);
    expect([...splits].sort()).toEqual(splits);
  });
});
