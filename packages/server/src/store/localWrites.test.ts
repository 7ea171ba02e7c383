import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';

let t: TestStore;

beforeAll(async () => {
  t = await createTestStore();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

describe('RapportStore.localWrites', () => {
  it('rises before every statement that may write on PGlite, and is absent on PostgreSQL', async () => {
    const { store } = t;
    if (store.kind === 'postgres') {
      expect(store.localWrites).toBeUndefined();
      return;
    }
    const count = () => store.localWrites!();
    await store.query('CREATE TABLE memo_probe (id integer PRIMARY KEY)');
    const start = count();
    await store.query('SELECT count(*) FROM memo_probe');
    await store.query('  select 1');
    await store.query('WITH n AS (SELECT 1 AS one) SELECT one, now() AS updated_at FROM n');
    expect(count()).toBe(start);
    await store.query('INSERT INTO memo_probe VALUES (1)');
    expect(count()).toBe(start + 1);
    await store.query('SELECT id FROM memo_probe FOR UPDATE');
    await store.query('WITH gone AS (DELETE FROM memo_probe RETURNING id) SELECT count(*) FROM gone');
    await store.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await tx.query('UPDATE memo_probe SET id = 2');
    });
    expect(count()).toBe(start + 4);
  });
});
