import type { ConsentEvent } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertKnownContact } from '../contacts/contactQueries.js';
import { newId } from '../crypto/random.js';
import { migrate } from '../store/migrate.js';
import { migration0009ConsentTimeOrder } from '../store/migrations/0009_consent_time_order.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { sqlState, type RapportStore, type SqlExecutor } from '../store/Store.js';
import { createTestStore, STORE_HOOK_TIMEOUT_MS, type TestStore } from '../testing/createTestStore.js';
import { createTestSite } from '../testing/testHarness.js';
import { appendConsentEvent, hashConsentEvent, listConsentEvents, verifyConsentChains } from './consentLog.js';

let testStore: TestStore;
let store: RapportStore;
let siteId: string;
let legacy: string;
let other: string;

const at = (time: string) => new Date(`2026-03-01T${time}:00.000Z`);

/** Writes an event straight into the table, as the code before the fix did: whatever time it is given. */
async function insertEvent(db: SqlExecutor, contactId: string, occurredAt: Date): Promise<ConsentEvent> {
  const { rows } = await db.query<{ sequence: number; hash: string }>(
    'SELECT sequence, hash FROM consent_events WHERE contact_id = $1 ORDER BY sequence DESC LIMIT 1',
    [contactId],
  );
  const unhashed: Omit<ConsentEvent, 'hash'> = {
    id: newId('cev'), sequence: (rows[0]?.sequence ?? 0) + 1, contactId, topicId: 'offers', channel: 'sms', action: 'granted',
    frequency: null, pausedUntil: null, source: 'widget', wording: '{"statement":"Choose"}', wordingHash: '0'.repeat(64),
    catalogVersion: 1, locale: null, occurredAt: occurredAt.toISOString(), confirmedAt: null, previousHash: rows[0]?.hash ?? null,
  };
  const event = { ...unhashed, hash: hashConsentEvent(unhashed) };
  await db.query(
    `INSERT INTO consent_events (site_id, id, sequence, contact_id, topic_id, channel, action, source, wording, wording_hash,
       catalog_version, occurred_at, previous_hash, hash)
     VALUES ($1, $2, $3, $4, 'offers', 'sms', 'granted', 'widget', $5, $6, 1, $7, $8, $9)`,
    [siteId, event.id, event.sequence, contactId, event.wording, event.wordingHash, event.occurredAt, event.previousHash, event.hash],
  );
  return event;
}

async function times(contactId: string): Promise<string[]> {
  return (await listConsentEvents(store, contactId)).map((e) => e.occurredAt.slice(11, 16));
}

beforeAll(async () => {
  testStore = await createTestStore({ migrate: false });
  store = testStore.store;
  await migrate(store, MIGRATIONS.filter((m) => m.id < migration0009ConsentTimeOrder.id));
  siteId = (await createTestSite(store)).site.id;
  const contact = (externalId: string) => upsertKnownContact(store, { siteId, externalId, traits: {}, now: at('08:00') });
  legacy = (await contact('legacy')).id;
  other = (await contact('other')).id;
  // The log the bug left: the second event is stamped before the first.
  for (const time of ['10:00', '09:00', '09:30']) await insertEvent(store, legacy, at(time));
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => testStore?.dispose());

describe('consent event time order (migration 0009)', () => {
  it('migrates a log that already holds out-of-order events, and keeps them as they were', async () => {
    expect((await migrate(store)).applied).toContain(migration0009ConsentTimeOrder.id);
    expect(await times(legacy)).toEqual(['10:00', '09:00', '09:30']);
    expect(await verifyConsentChains(store, siteId)).toMatchObject({ valid: true, eventsChecked: 3 });
  });

  it('refuses an event earlier than the latest of its chain with SQLSTATE 23514, and writes nothing', async () => {
    const refused = await store
      .transaction(async (tx) => {
        await insertEvent(tx, other, at('08:00'));
        await insertEvent(tx, legacy, at('09:29'));
      })
      .then(() => null, (error: unknown) => error);
    expect(sqlState(refused)).toBe('23514');
    expect(String(refused)).toMatch(/precedes the chain's latest event/);
    expect(await times(legacy)).toEqual(['10:00', '09:00', '09:30']);
    expect(await times(other)).toEqual([]);
  });

  it('accepts the same time as the latest, and any time on another contact’s chain', async () => {
    await insertEvent(store, legacy, at('09:30'));
    await insertEvent(store, other, at('07:00'));
    expect(await times(legacy)).toEqual(['10:00', '09:00', '09:30', '09:30']);
    expect(await times(other)).toEqual(['07:00']);
  });

  it('the server never trips it: a clock behind the chain records the chain’s latest time', async () => {
    const event = await store.transaction((tx) =>
      appendConsentEvent(tx, {
        siteId,
        contactId: legacy,
        now: at('06:00'),
        draft: {
          topicId: 'offers', channel: 'sms', action: 'withdrawn', frequency: null, pausedUntil: null, source: 'admin',
          wording: '{"statement":"Choose"}', wordingHash: '0'.repeat(64), catalogVersion: 1, locale: null, confirmedAt: null,
        },
      }),
    );
    expect(event).toMatchObject({ sequence: 5, occurredAt: at('09:30').toISOString() });
    expect(await verifyConsentChains(store, siteId)).toMatchObject({ valid: true, brokenAt: null });
  });

  it('has an index that serves the trigger’s lookup in one backward step, however long the log', async () => {
    // A table this small is scanned whole when that is cheaper; the point is that a long log need not be.
    const plan = await store.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const { rows } = await tx.query<Record<string, string>>(
        'EXPLAIN SELECT occurred_at FROM consent_events WHERE contact_id = $1 ORDER BY sequence DESC LIMIT 1',
        [legacy],
      );
      return rows.map((row) => Object.values(row)[0]).join('\n');
    });
    expect(plan).toMatch(/Index Scan Backward using consent_events_chain_unique/);
  });
});
