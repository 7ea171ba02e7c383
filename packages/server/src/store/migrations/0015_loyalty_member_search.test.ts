import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, STORE_HOOK_TIMEOUT_MS, type TestStore } from '../../testing/createTestStore.js';

let t: TestStore;

beforeAll(async () => {
  t = await createTestStore();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

/** The plan of `sql`, with sequential scans priced out: what the indexes allow, whatever a small table's statistics. */
async function planOf(sql: string, params: unknown[]): Promise<string> {
  return t.store.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe('migration 0015: the loyalty member search and the settle job read indexes', () => {
  it('has pg_trgm and trigram indexes on exactly the expressions the member search filters on', async () => {
    const { rows } = await t.store.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE '%trgm%' ORDER BY indexname`,
    );
    expect(rows.map((row) => row.indexname)).toEqual(['contacts_external_id_trgm_idx', 'contacts_name_trgm_idx']);
    // Planned with them at 100,000 members: see the bench (a small test table is scanned whatever the indexes).
    const [external, name] = rows.map((row) => row.indexdef.replace(/\s+/g, ' '));
    expect(external).toMatch(/USING gin \(external_id (?:\w+\.)?gin_trgm_ops\) WHERE \(external_id IS NOT NULL\)$/);
    expect(name).toMatch(/USING gin \(\(\(traits ->> 'name'::text\)\) (?:\w+\.)?gin_trgm_ops\) WHERE \(external_id IS NOT NULL\)$/);
  });

  it('the settle job finds due accounts from their own indexes', async () => {
    const plan = await planOf(
      `SELECT id FROM loyalty_accounts WHERE next_expiry_at <= $1 UNION SELECT account_id FROM loyalty_pending WHERE available_at <= $1`,
      [new Date()],
    );
    expect(plan).toContain('loyalty_accounts_next_expiry_idx');
    expect(plan).toContain('loyalty_pending_available_idx');
  });
});
