import { ConsentChainReportSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../store/Store.js';
import { createPreferencesKit, type PreferencesKit } from '../testing/createPreferencesKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';
import { readConsentCheckpoint, saveConsentCheckpoint } from './consentCheckpoint.js';
import { verifyConsentChains } from './consentLog.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const OFFERS_PUSH = [{ topicId: 'offers', channel: 'push' as const, granted: true }];
const OFFERS_PUSH_OFF = [{ topicId: 'offers', channel: 'push' as const, granted: false }];

async function verify(kit: PreferencesKit, query = '') {
  const response = await kit.admin(`/preferences/verify${query}`);
  expect(response.status).toBe(200);
  return ConsentChainReportSchema.parse(await response.json());
}

async function contactId(kit: PreferencesKit, externalId: string): Promise<string> {
  const { rows } = await h.store.query<{ id: string }>('SELECT id FROM contacts WHERE site_id = $1 AND external_id = $2', [kit.site.site.id, externalId]);
  return rows[0]!.id;
}

/** `count` visitors, each with a chain of `length` events (opt in, opt out, …), through the visitor API. */
async function chains(kit: PreferencesKit, prefix: string, count: number, length: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const token = await kit.visitor(`${prefix}_${n}`);
    for (let step = 0; step < length; step += 1) await kit.changeOk(token, { choices: step % 2 === 0 ? OFFERS_PUSH : OFFERS_PUSH_OFF });
    tokens.push(token);
  }
  return tokens;
}

/** Runs `sql` on consent_events with the append-only trigger off (someone with table-owner rights), then on again. */
async function bypassAppendOnly(sql: string, params: unknown[]): Promise<void> {
  await h.store.transaction(async (tx) => {
    await tx.query('ALTER TABLE consent_events DISABLE TRIGGER consent_events_no_update_delete');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE consent_events ENABLE TRIGGER consent_events_no_update_delete');
  });
}

/** Appends an event with a wrong hash after the contact's last one, straight in SQL; resolves its id. */
async function forgeAfterLast(db: SqlExecutor, contact: string, extra: { writtenXid?: string } = {}): Promise<{ id: string; sequence: number }> {
  const id = `cev_forged_${contact}_${Math.random().toString(36).slice(2, 8)}`;
  const { rows } = await db.query<{ sequence: number }>(
    `INSERT INTO consent_events (site_id, id, sequence, contact_id, topic_id, channel, action, frequency, paused_until, source, wording,
       wording_hash, catalog_version, locale, occurred_at, confirmed_at, previous_hash, hash, written_xid)
     SELECT site_id, $2, sequence + 1, contact_id, topic_id, channel, 'granted', frequency, paused_until, source, wording, wording_hash,
       catalog_version, locale, occurred_at, confirmed_at, hash, repeat('0', 64), $3::xid8
     FROM consent_events WHERE contact_id = $1 ORDER BY sequence DESC LIMIT 1
     RETURNING sequence`,
    [contact, id, extra.writtenXid ?? null],
  );
  return { id, sequence: rows[0]!.sequence };
}

describe('consent verification with checkpoints', () => {
  it('checks only the events written since the last verification, on several chains, and resumes each from its hash', async () => {
    const kit = await createPreferencesKit(h);
    const tokens = await chains(kit, 'resume', 4, 3);
    expect(await verify(kit)).toEqual({ valid: true, eventsChecked: 12, brokenAt: null, mode: 'full', checkedSince: null });
    const nothingNew = await verify(kit);
    expect(nothingNew).toMatchObject({ valid: true, eventsChecked: 0, mode: 'incremental' });
    expect(nothingNew.checkedSince).not.toBeNull();

    // Two existing chains grow (by 2 and 1 events), and a new one starts (2 events): 5 events since.
    await kit.changeOk(tokens[1]!, { choices: OFFERS_PUSH_OFF });
    await kit.changeOk(tokens[1]!, { choices: OFFERS_PUSH });
    await kit.changeOk(tokens[3]!, { choices: OFFERS_PUSH_OFF });
    await chains(kit, 'resume_new', 1, 2);
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 5, brokenAt: null, mode: 'incremental' });
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 0, mode: 'incremental' });
    expect(await verify(kit, '?full=true')).toMatchObject({ valid: true, eventsChecked: 17, mode: 'full' });
    expect(await kit.eventCount()).toBe(17);
  });

  it('an incremental pass catches a bad event appended after the checkpoint, and keeps reporting it', async () => {
    const kit = await createPreferencesKit(h);
    await chains(kit, 'appended', 2, 2);
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 4 });
    const contact = await contactId(kit, 'appended_1');
    // The writer cannot pass an old transaction id to hide the row from the next pass: the database sets it.
    const forged = await forgeAfterLast(h.store, contact, { writtenXid: '3' });
    const brokenAt = { eventId: forged.id, contactId: contact, sequence: 3 };
    expect(await verify(kit)).toMatchObject({ valid: false, eventsChecked: 1, brokenAt, mode: 'incremental' });
    expect(await verify(kit)).toMatchObject({ valid: false, brokenAt, mode: 'incremental' });
    expect(await verify(kit, '?full=true')).toMatchObject({ valid: false, brokenAt, mode: 'full' });
  });

  it('rewriting an event already verified drops the checkpoint: the next call is a full pass that finds it', async () => {
    const kit = await createPreferencesKit(h);
    await chains(kit, 'rewrite', 3, 3);
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 9, mode: 'full' });
    const contact = await contactId(kit, 'rewrite_0');
    const { rows } = await h.store.query<{ id: string }>('SELECT id FROM consent_events WHERE contact_id = $1 AND sequence = 2', [contact]);
    await bypassAppendOnly("UPDATE consent_events SET channel = 'email' WHERE id = $1", [rows[0]!.id]);
    expect((await readConsentCheckpoint(h.store, kit.site.site.id)).snapshot).toBeNull();
    const brokenAt = { eventId: rows[0]!.id, contactId: contact, sequence: 2 };
    expect(await verify(kit)).toMatchObject({ valid: false, brokenAt, mode: 'full' });
    // A full pass that found a break leaves no checkpoint: later calls read everything and find it again.
    expect(await verify(kit)).toMatchObject({ valid: false, brokenAt, mode: 'full' });
  });

  it('removing an event already verified drops the checkpoint too', async () => {
    const kit = await createPreferencesKit(h);
    await chains(kit, 'remove', 2, 3);
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 6 });
    const contact = await contactId(kit, 'remove_1');
    const { rows } = await h.store.query<{ id: string }>('SELECT id FROM consent_events WHERE contact_id = $1 AND sequence = 3', [contact]);
    await bypassAppendOnly('DELETE FROM consent_events WHERE contact_id = $1 AND sequence = 2', [contact]);
    expect(await verify(kit)).toMatchObject({ valid: false, mode: 'full', brokenAt: { eventId: rows[0]!.id, contactId: contact, sequence: 3 } });
  });

  it('with every trigger off, only ?full=true catches a rewrite of a checkpointed event', async () => {
    const kit = await createPreferencesKit(h);
    await chains(kit, 'stealth', 2, 2);
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 4 });
    const contact = await contactId(kit, 'stealth_0');
    const { rows } = await h.store.query<{ id: string }>('SELECT id FROM consent_events WHERE contact_id = $1 AND sequence = 1', [contact]);
    await h.store.transaction(async (tx) => {
      await tx.query('ALTER TABLE consent_events DISABLE TRIGGER ALL');
      await tx.query("UPDATE consent_events SET action = 'withdrawn' WHERE id = $1", [rows[0]!.id]);
      await tx.query('ALTER TABLE consent_events ENABLE TRIGGER ALL');
    });
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 0, mode: 'incremental' });
    const brokenAt = { eventId: rows[0]!.id, contactId: contact, sequence: 1 };
    expect(await verify(kit, '?full=true')).toMatchObject({ valid: false, brokenAt, mode: 'full' });
    expect(await verify(kit)).toMatchObject({ valid: false, brokenAt, mode: 'full' });
  });

  it('does not record a checkpoint when an event was rewritten while the pass ran', async () => {
    const kit = await createPreferencesKit(h);
    await chains(kit, 'during', 1, 2);
    const siteId = kit.site.site.id;
    const before = await readConsentCheckpoint(h.store, siteId);
    const snapshot = (await h.store.query<{ s: string }>('SELECT pg_current_snapshot()::text AS s')).rows[0]!.s;
    const contact = await contactId(kit, 'during_0');
    await bypassAppendOnly("UPDATE consent_events SET locale = 'fr' WHERE contact_id = $1 AND sequence = 1", [contact]);
    const input = { siteId, snapshot, generation: before.generation, eventsVerified: 2, now: new Date() };
    expect(await saveConsentCheckpoint(h.store, input)).toBe(false);
    expect((await readConsentCheckpoint(h.store, siteId)).snapshot).toBeNull();
    expect(await verify(kit)).toMatchObject({ valid: false, mode: 'full' });
  });

  it('refuses a cursor it did not make and a full flag it does not know', async () => {
    const kit = await createPreferencesKit(h);
    expect((await kit.admin('/preferences/verify?full=yes')).status).toBe(422);
    await kit.visitor('cursor_0');
    expect((await kit.admin('/contacts/cursor_0/consent-events?cursor=abc')).status).toBe(422);
    expect((await kit.admin('/contacts/cursor_0/consent-events?limit=1001')).status).toBe(422);
  });

  it('pages a contact’s history oldest first by sequence', async () => {
    const kit = await createPreferencesKit(h);
    await chains(kit, 'history', 1, 5);
    const sequences: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await kit.admin(`/contacts/history_0/consent-events?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: Array<{ sequence: number }>; nextCursor: string | null };
      sequences.push(...page.items.map((event) => event.sequence));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(sequences).toEqual([1, 2, 3, 4, 5]);
    expect(pages).toBe(3);
  });
});

describe('consent verification gives the event loop back', () => {
  it('yields between pages and every few events', async () => {
    const kit = await createPreferencesKit(h);
    await chains(kit, 'paced', 5, 5);
    let yields = 0;
    const yieldToLoop = async () => {
      yields += 1;
    };
    const pages: string[] = [];
    const counting: SqlExecutor = {
      query: (sql, params) => {
        if (/FROM consent_events\s+WHERE site_id/.test(sql)) pages.push(sql);
        return h.store.query(sql, params);
      },
    };
    const report = await verifyConsentChains(counting, kit.site.site.id, { full: true, pageSize: 7, yieldEvery: 5, yieldToLoop });
    expect(report).toMatchObject({ valid: true, eventsChecked: 25 });
    expect(pages).toHaveLength(4); // 7 + 7 + 7 + 4
    // Every 5 events hashed, and once after each page.
    expect(yields).toBe(25 / 5 + 4);
  });

  it('answers a visitor’s bootstrap on the same store while a verification waits at a yield', async () => {
    const kit = await createPreferencesKit(h);
    const [token] = await chains(kit, 'meanwhile', 3, 4);
    let finished = false;
    const statuses: number[] = [];
    const yieldToLoop = async () => {
      if (statuses.length > 0) return;
      statuses.push(0);
      // The walk holds no transaction or connection here: on PGlite (one connection) this would never answer.
      const response = await h.call('/v1/visitor/bootstrap', { site: kit.site, bearer: token! });
      statuses[0] = finished ? -1 : response.status;
    };
    const report = await verifyConsentChains(h.store, kit.site.site.id, { full: true, pageSize: 4, yieldEvery: 3, yieldToLoop });
    finished = true;
    expect(report).toMatchObject({ valid: true, eventsChecked: 12 });
    expect(statuses).toEqual([200]);
  });
});
