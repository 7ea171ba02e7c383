import { award, putCatalog, putProgram, putStaff, touch, OFFICE_HOURS, type AdminTarget } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldChangeCounters } from '../maintenance/foldChangeCounters.js';
import type { CreatedSite } from '../sites/createSite.js';
import { CONTACT_TABLES, SITE_TABLES } from '../store/migrations/0013_change_counters.js';
import type { SqlExecutor } from '../store/Store.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, type Harness } from '../testing/testHarness.js';
import { buildBootstrap } from './buildBootstrap.js';
import { findBootstrapContact } from './findBootstrapContact.js';

let h: Harness;
let site: CreatedSite;
let target: AdminTarget;
const EXTERNAL_ID = 'user_counted';

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store, { enabledWidgets: ['feedback', 'preferences', 'loyalty', 'owner'] });
  target = { app: h.app, seeded: { secretKey: site.secretKey } };
  // Data in every widget, so every loader runs every query it has.
  await putCatalog(target);
  await putProgram(target);
  await putStaff(target, 'stf_grace', { displayName: 'Grace', timeZone: 'Europe/London', weeklyHours: OFFICE_HOURS, responseTime: { mode: 'measured', fallbackMinutes: 60 } });
  await touch(target, EXTERNAL_ID, 'stf_grace');
  await award(target, { externalId: EXTERNAL_ID, orderId: 'o-1', points: 10 });
  const survey = await h.call('/v1/admin/surveys', { bearer: site.secretKey, method: 'POST', body: { name: 'S', kind: 'nps', question: 'Q?', status: 'active' } });
  expect(survey.status).toBe(201);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

/** Tables named after FROM or JOIN in `sql`, leaving out the query's own CTE names and function calls. */
function tablesOf(sql: string): string[] {
  const ctes = new Set([...sql.matchAll(/(?:\bWITH(?:\s+RECURSIVE)?|,)\s*([a-z_][a-z0-9_]*)\s+AS\s*\(/gi)].map((m) => m[1]!.toLowerCase()));
  return [...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)\b(?!\s*\()/gi)].map((m) => m[1]!.toLowerCase()).filter((name) => !ctes.has(name));
}

async function versionsOf(contactId: string) {
  const { rows } = await h.store.query<{ contact: string; site: string; rows: number }>(
    `SELECT (SELECT coalesce(sum(weight), 0)::text FROM contact_changes WHERE contact_id = $1) AS contact,
            (SELECT coalesce(sum(weight), 0)::text FROM site_changes WHERE site_id = $2) AS site,
            (SELECT count(*)::int FROM contact_changes WHERE contact_id = $1) AS rows`,
    [contactId, site.site.id],
  );
  return rows[0]!;
}

describe('change counters (migration 13)', () => {
  it('count every table the bootstrap reads', async () => {
    const token = await h.tokenFor(site, EXTERNAL_ID);
    expect((await h.call('/v1/visitor/bootstrap', { site, bearer: token })).status).toBe(200);
    const visitor = { kind: 'known' as const, subject: EXTERNAL_ID, claims: { sub: EXTERNAL_ID } } as Parameters<typeof findBootstrapContact>[1]['visitor'];
    const read = await findBootstrapContact(h.store, { siteId: site.site.id, visitor, mergeFrom: null });
    const seen: string[] = [];
    const recording = (db: SqlExecutor): SqlExecutor => ({ query: (sql, params) => (seen.push(sql), db.query(sql, params)) });
    const built = await buildBootstrap({
      db: recording(h.store),
      transaction: (fn) => h.store.transaction((tx) => fn(recording(tx))),
      site: site.site,
      contact: read!.contact,
      now: h.clock.now(),
      clock: h.clock.now,
    });
    expect(built.body.widgets.owner?.owner?.name).toBe('Grace');
    expect(built.body.widgets.feedback?.surveys).toHaveLength(1);

    const read_ = new Set(seen.flatMap(tablesOf));
    const counted = new Set(['contacts', ...CONTACT_TABLES.map(([table]) => table), ...SITE_TABLES.map(([table]) => table)]);
    expect(read_.size).toBeGreaterThan(8);
    expect([...read_].filter((table) => !counted.has(table))).toEqual([]);
  });

  it('fold a busy contact into one row without changing its version', async () => {
    const token = await h.tokenFor(site, 'user_folded');
    await h.call('/v1/visitor/bootstrap', { site, bearer: token });
    for (let i = 0; i < 6; i += 1) await award(target, { externalId: 'user_folded', orderId: `fold-${i}`, points: 1 });
    const { rows } = await h.store.query<{ id: string }>('SELECT id FROM contacts WHERE site_id = $1 AND external_id = $2', [site.site.id, 'user_folded']);
    const contactId = rows[0]!.id;
    const first = await h.call('/v1/visitor/bootstrap', { site, bearer: token });
    const before = await versionsOf(contactId);
    expect(before.rows).toBeGreaterThan(4);

    expect(await foldChangeCounters(h.store)).toBeGreaterThan(0);
    const after = await versionsOf(contactId);
    expect(after).toEqual({ ...before, rows: 1 });
    // The cached answer stays current across a fold: same versions, same ETag, 304.
    const again = await h.call('/v1/visitor/bootstrap', { site, bearer: token, headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    // And a write after the fold still moves the version on.
    await award(target, { externalId: 'user_folded', orderId: 'fold-after', points: 1 });
    expect(BigInt((await versionsOf(contactId)).contact)).toBeGreaterThan(BigInt(after.contact));
  });
});
